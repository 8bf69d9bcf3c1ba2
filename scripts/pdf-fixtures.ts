// Writes the test PDFs (test/support/pdfFixtures.ts) to a folder, to look at or to measure
// extractors with: `npx tsx scripts/pdf-fixtures.ts <dir>`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { articlePdf, encryptedPdf, longPdf, scannedPdf, truncatedPdf } from '../test/support/pdfFixtures';

const dir = process.argv[2] ?? 'pdf-fixtures';
mkdirSync(dir, { recursive: true });
for (const [name, bytes] of Object.entries({ 'article.pdf': articlePdf(), 'scanned.pdf': scannedPdf(), 'encrypted.pdf': encryptedPdf(), 'truncated.pdf': truncatedPdf(), 'long-200.pdf': longPdf(200) })) {
  writeFileSync(join(dir, name), bytes);
  process.stdout.write(`${join(dir, name)}: ${bytes.length} bytes\n`);
}
