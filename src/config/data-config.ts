import path from 'node:path';
import { z } from 'zod';

const dataEnvSchema = z.object({
  DATA_DIR: z.string().trim().min(1, 'must not be empty when set').optional(),
});

export interface DataConfig {
  dataDir: string;
}

/** The settings every entry point needs: where the data lives (default `./data`). */
export function readDataConfig(env: NodeJS.ProcessEnv, cwd: string): DataConfig {
  const parsed = dataEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  return { dataDir: path.resolve(cwd, parsed.data.DATA_DIR ?? 'data') };
}
