/** Engine version: part of the cache key for stored analyses (a new engine re-analyses). */
export const TOOL_NAME = 'appgw-502-doctor';
export const ENGINE_VERSION = '0.3.0';
