/** The header row of the HHS OCR breach portal's CSV export, in the portal's column order. */
export const HHS_HEADER =
  '"Name of Covered Entity","State","Covered Entity Type","Individuals Affected","Breach Submission Date","Type of Breach","Location of Breached Information","Business Associate Present","Web Description"';

/** An HHS OCR export: the header, then `rows` (CSV lines quoted as the portal quotes them). */
export function hhsCsv(...rows: string[]): string {
  return `${[HHS_HEADER, ...rows].join('\n')}\n`;
}
