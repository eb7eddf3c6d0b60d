import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { quizSchema } from '../../src/training/quiz.js';
import { captureContext } from '../support/cli-context.js';
import { REPO_DATA_DIR, REPO_ROOT } from '../support/paths.js';

async function run(args: string[]) {
  const context = captureContext({ DATA_DIR: REPO_DATA_DIR }, REPO_ROOT);
  const code = await main(args, context);
  return { code, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('breachbot quiz', () => {
  it('previews the quiz with every right answer marked, why and the source', async () => {
    const { code, stdout } = await run(['quiz', 'helthec']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Quiz: HealthEC LLC \([3-5] questions, from the record\)$/);
    const questions = lines.filter((line) => /^\d\. /.test(line)).length;
    expect(lines.filter((line) => line.endsWith('<- right'))).toHaveLength(questions);
    expect(lines.filter((line) => line.startsWith('   Source: ') && /<https:\/\/.+>$/.test(line))).toHaveLength(
      questions,
    );
  }, 60_000);

  it('--json gives the quiz as posted', async () => {
    const { code, stdout } = await run(['quiz', 'change healthcare', '--json']);
    expect(code).toBe(0);
    const quiz = quizSchema.parse(JSON.parse(stdout));
    expect(quiz.incidentId).toBe('change-healthcare-2024');
  }, 60_000);

  it('fails, saying why, when the words name no single incident', async () => {
    const { code, stdout, stderr } = await run(['quiz', 'Acme Imaginary Hospital']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('I have no record of a breach at Acme Imaginary Hospital');
    expect(stderr).toContain('Name one incident');
  }, 60_000);

  it('asks for the incident when none is given', async () => {
    const { code, stderr } = await run(['quiz']);
    expect(code).toBe(2);
    expect(stderr).toContain('name the incident');
  });

  it('sends quiz and training commands typed to ask to Slack, and the preview to this command', async () => {
    for (const typed of ['quiz healthec', 'training on']) {
      const { code, stderr } = await run(['ask', typed]);
      expect(code).toBe(2);
      expect(stderr).toContain('work in Slack only');
      expect(stderr).toContain('breachbot quiz <incident>');
    }
  });
});
