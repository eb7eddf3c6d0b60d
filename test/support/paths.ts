import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const REPO_DATA_DIR = path.join(REPO_ROOT, 'data');
/** The real public datasets beside the checkout (never copied into the repository). */
export const SHARED_DATA_DIR = path.resolve(REPO_ROOT, '../shared/data');
export const HHS_MERGED_CSV = path.join(SHARED_DATA_DIR, 'hhs_ocr_merged_2009-10-21_to_2026-07-01_DERIVED.csv');
export const SRC_DIR = path.join(REPO_ROOT, 'src');
