/**
 * Korean for the input problems and lost-part reasons the loaders write in English. Kept in one table
 * (pattern → Korean with the captured values) so every loader's message reads in Korean without each
 * loader carrying two texts. A message no pattern knows stays English (the view marks it lang="en").
 */
type Tr = [RegExp, (...m: string[]) => string];

const CMD_KO = '명령 출력 전체를 변경하지 않고 붙여 넣으세요 (PowerShell은 … | ConvertTo-Json -Depth 100).';

const MESSAGES: Tr[] = [
  [/^The input is empty\.$/, () => '입력이 비어 있습니다.'],
  [/^The input is (\d+) MB: larger than the (\d+) MB this analyzer reads\.$/, (_, a, b) => `입력이 ${a} MB로, 이 분석기가 읽는 ${b} MB보다 큽니다.`],
  [/^This looks like a binary file/, () => '텍스트 출력이 아니라 바이너리 파일(이미지, 압축 파일, 프로그램)로 보입니다.'],
  [/^The analyzer failed on this input \((.*)\)\. Please report it with the input\.$/, (_, e) => `이 입력을 분석하다 오류가 났습니다 (${e}). 입력과 함께 알려 주세요.`],
  [/^No PowerShell object was found in this console text\.$/, () => '이 콘솔 텍스트에서 PowerShell 개체를 찾지 못했습니다.'],
  [/^No `Key : value` output of an Az cmdlet was found in this console text\.$/, () => '이 콘솔 텍스트에서 Az cmdlet의 `Key : value` 출력을 찾지 못했습니다.'],
  [/^This is an error message from PowerShell or az, not the command's output\.$/, () => '명령의 출력이 아니라 PowerShell 또는 az의 오류 메시지입니다.'],
  [/^This text is not JSON and not PowerShell console output/, () => '이 텍스트는 JSON도, Az cmdlet의 PowerShell 콘솔 출력도 아니어서 형식을 알 수 없습니다.'],
  [/^(\d+) object\(s\) have the same key twice; every value is kept/, (_, n) => `개체 ${n}개에 같은 키가 두 번 있습니다. 모든 값을 유지합니다 (Azure는 이런 본문을 거부하므로 붙여 넣은 내용을 확인하세요).`],
  [/^This is one page of a longer list \(it has a nextLink\)/, () => '긴 목록의 한 페이지입니다 (nextLink가 있음). 다른 페이지의 리소스는 포함되지 않았습니다.'],
  [/^The list is empty: no resource is in this output\.$/, () => '목록이 비어 있습니다. 이 출력에는 리소스가 없습니다.'],
  [/^This JSON is not an Application Gateway, nor a network resource/, () => '이 JSON은 Application Gateway도, 이 분석기가 아는 네트워크 리소스나 보조 출력도 아닙니다.'],
  [/^This is a fragment \((\w+)\), not a whole gateway/, (_, f) => `게이트웨이 전체가 아니라 일부(${f})입니다. 그대로 표시하지만, 검사에는 게이트웨이 전체가 필요합니다.`],
  [/^The JSON nests deeper than (\d+) levels; no Azure output does\.$/, (_, n) => `JSON이 ${n}단계보다 깊게 중첩되어 있습니다. Azure 출력은 그렇지 않습니다.`],
  [/^The JSON ends too early \((.*)\): the text looks cut off\.$/, () => 'JSON이 너무 일찍 끝납니다. 텍스트가 잘린 것으로 보입니다.'],
  [/^Invalid JSON: (.*)\.$/, (_, w) => `잘못된 JSON입니다: ${w}.`],
  [/^The UTF-16 file has an odd number of bytes/, () => 'UTF-16 파일의 바이트 수가 홀수입니다. 마지막 문자가 잘렸습니다.'],
  [/^The paste ends inside (\S+) \(which starts on line (\d+)\): its JSON is not closed/, (_, k, l) => `붙여 넣은 내용이 ${k}(${l}행에서 시작) 안에서 끝납니다. JSON이 닫히지 않아 복사가 잘린 것으로 보입니다.`],
  [/^(\S+) is \[\] but (\S+) \(line (\d+)\) names (.*): the paste contradicts itself/, (_, a, b, l, n) => `${a}는 []이지만 ${b}(${l}행)에는 ${n}이(가) 있습니다. 붙여 넣은 내용이 서로 맞지 않습니다. 이름은 유지하며 설정은 알 수 없습니다.`],
  [/^(\S+): an object had duplicate keys/, (_, k) => `${k}: 개체에 중복 키가 있습니다. 모든 값을 유지합니다.`],
  [/^The route table on line (\d+) is cut to the console width/, (_, l) => `${l}행의 경로 테이블이 콘솔 너비에서 잘려 일부 주소 접두사가 보이지 않습니다.`],
  [/^The console text could not be read/, () => '콘솔 텍스트를 읽을 수 없습니다. 입력과 함께 알려 주세요.'],
];

const REASONS: Tr[] = [
  [/^ConvertTo-Json stopped at its default depth/, () => 'ConvertTo-Json이 기본 깊이(2)에서 멈추고 데이터 대신 형식 이름을 썼습니다. Get-AzApplicationGateway -Name <이름> -ResourceGroupName <그룹> | ConvertTo-Json -Depth 100을 실행하세요.'],
  [/^The SKU is unknown in this paste/, () => '이 붙여 넣기에서는 SKU를 알 수 없습니다. 이 Az 버전은 Sku를 형식 이름으로만 출력하고 SkuText가 없습니다. … | ConvertTo-Json -Depth 100으로 붙여 넣으세요.'],
  [/^The input does not show the SKU/, () => '입력에 SKU가 없어 v1/v2 동작을 알 수 없습니다. 게이트웨이의 sku를 포함하세요 (ConvertTo-Json -Depth 100).'],
  [/^the console shows only the type name/, () => '콘솔에 형식 이름만 표시됩니다. 전체 구성은 … | ConvertTo-Json -Depth 100으로 붙여 넣으세요.'],
  [/^the console shows only the names/, () => '콘솔에 이름만 표시됩니다. 전체 구성은 … | ConvertTo-Json -Depth 100으로 붙여 넣으세요.'],
  [/^the console shows only the first items/, () => '콘솔에 처음 몇 개 항목만 표시됩니다. 전체 목록은 … | ConvertTo-Json -Depth 100으로 붙여 넣으세요.'],
  [/could not be read \(see the problem there\)/, () => '해당 속성을 읽을 수 없습니다 (그 위치의 문제 참고). 전체 구성은 … | ConvertTo-Json -Depth 100으로 붙여 넣으세요.'],
];

function translate(table: Tr[], s: string): string | undefined {
  for (const [re, ko] of table) {
    const m = re.exec(s);
    if (m) return ko(...(m as unknown as string[]));
  }
  return undefined;
}

export function problemKo(message: string, hint?: string): { message: string; hint?: string } | undefined {
  const m = translate(MESSAGES, message);
  if (!m) return undefined;
  return { message: m, hint: hint ? CMD_KO : undefined };
}

export function reasonKo(reason: string): string | undefined {
  return translate(REASONS, reason);
}
