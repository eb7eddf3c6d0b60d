import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

// ../../ is the package root from src/playground/ and from the build's dist/playground/ alike.
/** The manifest Slack creates the app from: the playground offers what it declares, as a workspace would. */
export const MANIFEST_FILE = path.resolve(import.meta.dirname, '../../manifest.yml');

const manifestSchema = z.object({
  display_information: z.object({ name: z.string().min(1) }),
  features: z.object({
    bot_user: z.object({ display_name: z.string().min(1) }),
    slash_commands: z
      .array(
        z.object({ command: z.string().startsWith('/'), description: z.string(), usage_hint: z.string().optional() }),
      )
      .default([]),
    shortcuts: z
      .array(
        z.object({
          name: z.string(),
          type: z.enum(['global', 'message']),
          callback_id: z.string(),
          description: z.string(),
        }),
      )
      .default([]),
  }),
});

export interface SlashCommandFeature {
  command: string;
  description: string;
  usageHint: string | undefined;
}

export interface ShortcutFeature {
  name: string;
  callbackId: string;
  description: string;
}

export interface AppFeatures {
  appName: string;
  botName: string;
  commands: SlashCommandFeature[];
  /** Global shortcuts only: message shortcuts have no place in the playground yet. */
  shortcuts: ShortcutFeature[];
}

export function appFeaturesFrom(manifestYaml: string): AppFeatures {
  const { display_information, features } = manifestSchema.parse(parseYaml(manifestYaml));
  return {
    appName: display_information.name,
    botName: features.bot_user.display_name,
    commands: features.slash_commands.map((command) => ({
      command: command.command,
      description: command.description,
      usageHint: command.usage_hint,
    })),
    shortcuts: features.shortcuts
      .filter((shortcut) => shortcut.type === 'global')
      .map((shortcut) => ({
        name: shortcut.name,
        callbackId: shortcut.callback_id,
        description: shortcut.description,
      })),
  };
}

export async function readAppFeatures(file = MANIFEST_FILE): Promise<AppFeatures> {
  return appFeaturesFrom(await readFile(file, 'utf8'));
}
