/**
 * Capacity (GUIDE-2026 Resolution H, logs-and-metrics.md §7): CapacityUnits (maximum) in the 502 window against
 * 10 × the maximum instance count (one instance ≈ 10 capacity units; autoscale maxCapacity or fixed sku.capacity),
 * and — reported beside it — the 2026 guide's direct comparison of CapacityUnits with maxCapacity. Saturated with no
 * unhealthy host: the gateway returns excess requests as 502 (error). UnhealthyHostCount > 0 in the same window
 * points back to the backends (warning). Said once per gateway, with both numbers and the comparison made.
 */
import { defineRule } from './types';
import { q, rgOf } from './commands';
import { classStats, classifiedTotal, gatewayRes, sampleEvidence, trafficFor, windowOf } from './traffic-support';
import { SATURATION_FRACTION } from '../traffic/merge';
import type { Evidence } from './types';

export default defineRule({
  id: 'traffic-capacity',
  category: 'capacity',
  severity: 'error',
  appliesTo: ['v2', 'v1'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'Metrics: gateway capacity in the 502 window',
      message: '{capacityEn} UnhealthyHostCount max: {unhealthy}; FailedRequests: {failed}; gateway-made 502s in the saturated windows ({windows}): {moved}.',
      effect: '{verdictEn}',
      fix: '{fixEn} The metrics behind this finding: az monitor metrics list (command below).',
    },
    ko: {
      title: '메트릭: 502 발생 시간대의 게이트웨이 용량',
      message: '{capacityKo} UnhealthyHostCount 최대: {unhealthy}, FailedRequests: {failed}, 포화 구간({windows})의 게이트웨이 502: {moved}.',
      effect: '{verdictKo}',
      fix: '{fixKo} 이 결과의 근거가 된 메트릭은 az monitor metrics list로 볼 수 있습니다(아래 명령).',
    },
  },
  check(ctx) {
    const t = trafficFor(ctx);
    const c = t?.capacity;
    if (!t || !c) return;
    const failures = classifiedTotal(t) + (c.failedRequests ?? 0);
    if (c.capacityUnitsMax === undefined && !(c.unhealthyHostMax && c.unhealthyHostMax > 0)) return;
    const unhealthy = (c.unhealthyHostMax ?? 0) > 0;
    const gw = ctx.gateway;
    const rg = q(rgOf(gw));
    const limit = c.limitByInstances;
    const usage = limit && c.capacityUnitsMax !== undefined ? `${Math.round((c.capacityUnitsMax / limit) * 100)}%` : '?';
    const newMax = Math.min(125, Math.max((c.maxInstances ?? 2) * 2, (c.maxInstances ?? 0) + 2));
    const fixScale = {
      en: `Raise the maximum instance count (autoscale maxCapacity, for example to ${newMax}) or the fixed capacity, and keep a minimum that covers the usual load: scale-out takes minutes, so short bursts can get 502 before new instances arrive. Check ComputeUnits and CurrentConnections to see which resource ran out.`,
      ko: `최대 인스턴스 수(autoscale maxCapacity, 예: ${newMax})나 고정 용량을 늘리고, 평소 부하를 감당할 최소 인스턴스 수를 유지하세요. 확장에는 몇 분이 걸리므로 짧은 급증 구간에는 새 인스턴스가 준비되기 전에 502가 날 수 있습니다. ComputeUnits와 CurrentConnections로 어느 자원이 부족했는지 확인하세요.`,
    };
    let severity: 'error' | 'warning' | 'info';
    let verdict: { en: string; ko: string };
    let fix = fixScale;
    if (c.comparison === 'none') {
      severity = unhealthy ? 'warning' : 'info';
      verdict = {
        en: `The configuration gives no maximum instance count (autoscale maxCapacity or sku.capacity), so saturation could not be judged; compare the numbers above with the instance count the portal shows.${unhealthy ? ' UnhealthyHostCount above 0 in the window points to the backends.' : ''}`,
        ko: `구성에 최대 인스턴스 수(autoscale maxCapacity 또는 sku.capacity)가 없어 포화 여부를 판단할 수 없습니다. 위 수치를 포털의 인스턴스 수와 비교하세요.${unhealthy ? ' 이 시간대에 UnhealthyHostCount가 0보다 컸으므로 백엔드 쪽을 보세요.' : ''}`,
      };
    } else if (c.saturatedByInstances && !unhealthy) {
      severity = 'error';
      verdict = {
        en: `Comparison made: CapacityUnits (maximum) against 10 × the maximum instance count — it reached ${usage}, at or above ${Math.round(SATURATION_FRACTION * 100)}%: the gateway was saturated, and a saturated gateway returns excess requests as 502 (GUIDE-2026 Resolution H). No backend was unhealthy in the window, so these 502s are capacity, not backends.`,
        ko: `비교 방법: CapacityUnits(최대값)와 최대 인스턴스 수 × 10을 비교했습니다. ${usage}에 도달해 ${Math.round(SATURATION_FRACTION * 100)}% 이상이므로 게이트웨이가 포화 상태였고, 포화된 게이트웨이는 초과 요청에 502를 반환합니다(GUIDE-2026 해결 방법 H). 이 시간대에 비정상 백엔드가 없었으므로 이 502는 백엔드가 아니라 용량 문제입니다.`,
      };
    } else if (c.saturatedByInstances && unhealthy) {
      severity = 'warning';
      verdict = {
        en: `Capacity was near its limit (${usage} of 10 × maximum instances), but UnhealthyHostCount reached ${c.unhealthyHostMax} (${c.unhealthyHostMaxAt}) in the same window: that points back to the backends (GUIDE-2026 Resolution H). Fix the unhealthy backends first, then look at capacity.`,
        ko: `용량이 한도에 가까웠지만(최대 인스턴스 × 10의 ${usage}) 같은 시간대에 UnhealthyHostCount가 ${c.unhealthyHostMax}(${c.unhealthyHostMaxAt})에 도달했습니다. 이는 백엔드 쪽을 가리킵니다(GUIDE-2026 해결 방법 H). 비정상 백엔드를 먼저 해결한 뒤 용량을 보세요.`,
      };
      fix = { en: `First find why backends were unhealthy (backend health, probes, NSG/UDR). Then, if capacity still runs near its limit: ${fixScale.en}`, ko: `먼저 백엔드가 비정상이었던 이유(백엔드 상태, 프로브, NSG/UDR)를 찾으세요. 그 뒤에도 용량이 한도에 가깝다면: ${fixScale.ko}` };
    } else if (c.saturatedDirect) {
      if (!failures && !unhealthy) return;
      severity = 'warning';
      verdict = {
        en: `Two comparisons disagree. The 2026 guide compares CapacityUnits with maxCapacity directly: ${c.capacityUnitsMax} ≥ ${c.maxInstances}, "saturated". But maxCapacity counts instances and one instance is about 10 capacity units, so against 10 × ${c.maxInstances} = ${limit} the gateway used ${usage}. Verify the instance count and ComputeUnits in the portal before scaling.`,
        ko: `두 비교 결과가 다릅니다. 2026 가이드는 CapacityUnits를 maxCapacity와 직접 비교합니다: ${c.capacityUnitsMax} ≥ ${c.maxInstances}이므로 "포화"입니다. 그러나 maxCapacity는 인스턴스 수이고 인스턴스 하나가 약 10 용량 단위이므로, 10 × ${c.maxInstances} = ${limit}에 대해서는 ${usage}만 사용했습니다. 확장하기 전에 포털에서 인스턴스 수와 ComputeUnits를 확인하세요.`,
      };
    } else {
      if (!failures && !unhealthy) return;
      severity = unhealthy ? 'warning' : 'info';
      verdict = {
        en: `Comparison made: CapacityUnits (maximum) against 10 × the maximum instance count — ${usage}, below saturation: capacity does not explain the failures.${unhealthy ? ` UnhealthyHostCount reached ${c.unhealthyHostMax} (${c.unhealthyHostMaxAt}): look at the backends.` : ''}`,
        ko: `비교 방법: CapacityUnits(최대값)와 최대 인스턴스 수 × 10을 비교했습니다. ${usage}로 포화 전이므로 용량으로는 장애가 설명되지 않습니다.${unhealthy ? ` UnhealthyHostCount가 ${c.unhealthyHostMax}(${c.unhealthyHostMaxAt})에 도달했으니 백엔드를 확인하세요.` : ''}`,
      };
      fix = unhealthy
        ? { en: 'Look at backend health and the unhealthy backends in that window; capacity needs no change.', ko: '그 시간대의 백엔드 상태와 비정상 백엔드를 확인하세요. 용량은 바꿀 필요가 없습니다.' }
        : { en: 'Nothing to change for capacity; follow the other findings.', ko: '용량은 바꿀 필요가 없습니다. 다른 결과를 따르세요.' };
    }
    const cap = classStats(ctx, 'capacity');
    const evidence: Evidence[] = [
      { path: 'metrics[CapacityUnits].maximum', value: c.capacityUnitsMax !== undefined ? `${c.capacityUnitsMax} at ${c.capacityUnitsMaxAt}` : '(no data)' },
      { path: c.maxInstancesFrom ?? 'maximum instances', value: c.maxInstances !== undefined ? String(c.maxInstances) : '(not in the configuration)', source: gw.source },
      { path: 'comparison', value: `CapacityUnits ${c.capacityUnitsMax ?? '?'} vs 10 × ${c.maxInstances ?? '?'} = ${limit ?? '?'} (${usage}); 2026 guide: CapacityUnits ${c.capacityUnitsMax ?? '?'} vs maxCapacity ${c.maxInstances ?? '?'}` },
      ...c.windows.slice(0, 5).map((w) => ({ path: 'metrics[CapacityUnits].saturated', value: `${windowOf({ first: w.start, last: w.end })}: max ${w.capacityUnitsMax}` })),
      { path: 'metrics[UnhealthyHostCount].maximum', value: c.unhealthyHostMax !== undefined ? `${c.unhealthyHostMax}${c.unhealthyHostMaxAt ? ` at ${c.unhealthyHostMaxAt}` : ''}` : '(no data)' },
      ...(c.failedRequests !== undefined ? [{ path: 'metrics[FailedRequests].total', value: String(c.failedRequests) }] : []),
      ...(cap ? [{ path: 'traffic.classes[capacity].count', value: `${cap.count} (${windowOf(cap)})` }, ...sampleEvidence(cap.samples, 3)] : []),
    ];
    const range = c.range ? windowOf({ first: c.range.start, last: c.range.end }) : '-';
    const cuMaxAt = c.capacityUnitsMaxAt ? windowOf({ first: c.capacityUnitsMaxAt }) : '-';
    const from = c.maxInstancesFrom ?? 'unknown';
    // Without CapacityUnits in the metrics there is nothing to compare: say so instead of printing "?".
    const capacity = c.capacityUnitsMax === undefined
      ? {
          en: `The metrics hold no CapacityUnits for ${range}, so capacity could not be compared (maximum instances: ${c.maxInstances ?? '?'}, ${from}).`,
          ko: `${range}의 메트릭에 CapacityUnits가 없어 용량을 비교할 수 없습니다(최대 인스턴스: ${c.maxInstances ?? '?'}, ${from}).`,
        }
      : {
          en: `CapacityUnits peaked at ${c.capacityUnitsMax} (${cuMaxAt}) in ${range}: ${usage} of ${limit ?? '?'} units (10 × ${c.maxInstances ?? '?'} maximum instances, ${from}). The 2026 guide's direct comparison with maxCapacity: ${c.capacityUnitsMax} against ${c.maxInstances ?? '?'}.`,
          ko: `${range}에 CapacityUnits가 최대 ${c.capacityUnitsMax}(${cuMaxAt})였습니다: ${limit ?? '?'} 단위(최대 인스턴스 ${c.maxInstances ?? '?'}개 × 10, ${from})의 ${usage}입니다. 2026 가이드의 maxCapacity 직접 비교: ${c.capacityUnitsMax} 대 ${c.maxInstances ?? '?'}.`,
        };
    ctx.report({
      resource: gatewayRes(gw),
      source: gw.source,
      severity,
      params: {
        capacityEn: capacity.en,
        capacityKo: capacity.ko,
        unhealthy: c.unhealthyHostMax ?? '-',
        failed: c.failedRequests ?? '-',
        windows: c.windows.length ? c.windows.slice(0, 3).map((w) => windowOf({ first: w.start, last: w.end })).join('; ') : '-',
        moved: c.movedToCapacity,
        verdictEn: verdict.en,
        verdictKo: verdict.ko,
        fixEn: fix.en,
        fixKo: fix.ko,
      },
      evidence,
      affected: [],
      commands: severity === 'error' || c.saturatedDirect
        ? {
            powershell: [
              `$gw = Get-AzApplicationGateway -Name ${q(gw.name)} -ResourceGroupName ${rg}`,
              `$gw = Set-AzApplicationGatewayAutoscaleConfiguration -ApplicationGateway $gw -MinCapacity ${gw.autoscale?.minCapacity ?? 2} -MaxCapacity ${newMax}`,
              'Set-AzApplicationGateway -ApplicationGateway $gw',
            ],
            az: [
              `az network application-gateway update -g ${rg} -n ${q(gw.name)} --min-capacity ${gw.autoscale?.minCapacity ?? 2} --max-capacity ${newMax}`,
              `az monitor metrics list --resource ${q(gw.id)} --metrics CapacityUnits ComputeUnits CurrentConnections UnhealthyHostCount FailedRequests --aggregation Maximum Average Total --interval PT5M -o json`,
            ],
          }
        : { az: [`az monitor metrics list --resource ${q(gw.id)} --metrics CapacityUnits UnhealthyHostCount FailedRequests --aggregation Maximum Average Total --interval PT5M -o json`] },
    });
  },
});
