import { z } from 'zod';
import { DATA_TYPES } from '../incidents/data-types.js';
import { sourceSchema } from '../incidents/model.js';

export const guidanceStepSchema = z.strictObject({
  text: z.string().trim().min(1),
  source: sourceSchema,
  /** Worth doing whether or not anything of yours leaked: what the digest suggests in a quiet week. */
  anyWeek: z.boolean().optional(),
});
export type GuidanceStep = z.infer<typeof guidanceStepSchema>;

export const checklistSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().trim().min(1),
  dataTypes: z.array(z.enum(DATA_TYPES)).min(1),
  steps: z.array(guidanceStepSchema).min(1),
});
export type Checklist = z.infer<typeof checklistSchema>;

export const guidanceSchema = z
  .strictObject({
    notice: z.string().trim().min(1),
    checklists: z.array(checklistSchema).min(1),
  })
  .superRefine((guidance, ctx) => {
    const ids = new Set<string>();
    guidance.checklists.forEach((checklist, index) => {
      if (ids.has(checklist.id)) {
        ctx.addIssue({ code: 'custom', path: ['checklists', index, 'id'], message: `"${checklist.id}" is used twice` });
      }
      ids.add(checklist.id);
    });
  });
export type Guidance = z.infer<typeof guidanceSchema>;
