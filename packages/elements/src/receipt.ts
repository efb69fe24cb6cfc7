/** The dossier code in a receipt, whatever the server called it. */
export function receiptCode(receipt: unknown): string {
  if (receipt && typeof receipt === 'object') {
    const record = receipt as Record<string, unknown>;
    for (const key of ['dossierCode', 'code', 'id']) {
      if (typeof record[key] === 'string' || typeof record[key] === 'number')
        return String(record[key]);
    }
  }
  return typeof receipt === 'string' ? receipt : '';
}
