import { FIELD_RULES } from '../../src/services/validity.js';

/** A valid record's JSON with one field's value replaced by a raw JSON fragment (or the field left out). */
function recordWith(key: string, fragment: string | undefined): string {
  const base: Record<string, string> = {
    eventId: '"fz-1"',
    storeId: '"ST-1100"',
    amount: '12.5',
    paymentTermCode: '"GBR"',
    paymentTime: '1764000000',
    itemCode: '"40170725"',
    eventTime: '1764000000123',
  };
  const parts = FIELD_RULES.filter((r) => r.key !== key || fragment !== undefined).map((r) => `"${r.key}":${r.key === key ? fragment : base[r.key]}`);
  return `{${parts.join(',')}}`;
}

const TEXT_FRAGMENTS = ['"ok"', '""', '" "', `"${'a'.repeat(16)}"`, `"${'a'.repeat(17)}"`, `"${'a'.repeat(32)}"`, `"${'a'.repeat(33)}"`, `"${'a'.repeat(64)}"`, `"${'a'.repeat(65)}"`, '"\\u00e9"', '"é"', '"😀"', '"tab\\there"', '"\\u0041BC"', '12', '12.5', 'true', 'false', 'null', '{}', '[]', '["x"]', '{"a":"b"}'];
const NUMBER_FRAGMENTS = ['0', '-0', '1', '-1', '12.5', '12.50', '12.345', '0.30000000000000004', '1.005', '1e-7', '1E2', '0.1e1', '999999999.99', '1000000000', '1000000000.01', '1e12', '9007199254740991', '9007199254740992', '9007199254740993', '1.5', '1e400', '-1e400', '"12.50"', '"NaN"', '"Infinity"', '""', 'true', 'null', '{}', '[]', '[1]'];

/** Lines (values) that probe the rule: every field with every kind of value, and odd shapes at the top level. */
export function validityProbeValues(): string[] {
  const values: string[] = [];
  for (const rule of FIELD_RULES) {
    values.push(recordWith(rule.key, undefined));
    for (const fragment of rule.kind === 'text' ? TEXT_FRAGMENTS : NUMBER_FRAGMENTS) values.push(recordWith(rule.key, fragment));
  }
  const valid = recordWith('amount', '12.5');
  values.push(
    '',
    ' ',
    '\t',
    'null',
    ' null ',
    'NULL',
    '[]',
    '{}',
    '1',
    '"x"',
    'true',
    '{',
    `${valid} x`,
    `${valid},`,
    `\t${valid}\r`,
    `${valid}\n${recordWith('eventId', '"fz-2"')}`,
    `${valid}\n`,
    `\n${valid}`,
    `${valid.slice(0, -1)},"amount":"x"}`,
    `{"amount":"x",${valid.slice(1)}`,
    `${valid.slice(0, -1)},"extra":{"deep":[1,2,{"x":null}]}}`,
    `${valid.slice(0, -1)},"padding":"${'x'.repeat(100_001)}"}`,
    `${valid.slice(0, -1)},"padding":"${'x'.repeat(99_000)}"}`,
    JSON.stringify(JSON.parse(valid), null, 2),
    "{'eventId':'x'}",
    valid.replace('"amount":12.5', '"amount":NaN'),
    valid.replace('"amount":12.5', '"amount":012'),
    valid.replace('"amount":12.5', '"amount":+1'),
    valid.replace('"amount":12.5', '"amount":.5'),
    valid.replace('"amount":12.5', '"amount":Infinity'),
    `\uFEFF${valid}`,
    valid.replace('"eventId"', '"EventId"'),
  );
  return values;
}
