// The one money parser of the tests: amounts are compared in integer cents, never as floats.
// Each form of text the bank writes has one strict reader, which throws on anything else, so a
// page or an answer that shows a malformed amount fails the test instead of reading as 0.

// "1234.56" or "-0.01", as the API writes amounts.
export function parseCents(text) {
  const m = /^(-?)(\d+)\.(\d\d)$/.exec(String(text));
  if (!m) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const cents = Number(m[2]) * 100 + Number(m[3]);
  return m[1] ? -cents : cents;
}

// "$1,234.56", "-$5.00" or "$-5.00", as the pages show amounts (surrounding spaces ignored).
export function parseDisplayedCents(text) {
  const m = /^(-?)\$(-?)(\d{1,3}(?:,\d{3})*)\.(\d\d)$/.exec(String(text).trim());
  if (!m) throw new Error(`not a displayed amount: ${JSON.stringify(text)}`);
  const cents = Number(m[3].replace(/,/g, '')) * 100 + Number(m[4]);
  return m[1] || m[2] ? -cents : cents;
}
