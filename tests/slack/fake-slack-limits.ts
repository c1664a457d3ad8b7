/**
 * Slack's message limits, checked the way Slack's API does: a message that breaks one is refused.
 * Each number comes from the reference page named beside it:
 * - 50 blocks per message:                 https://docs.slack.dev/reference/block-kit/blocks
 * - section text 1..3000, fields <= 10 each <= 2000, block_id <= 255:
 *                                          https://docs.slack.dev/reference/block-kit/blocks/section-block
 * - header text <= 150 (plain_text):       https://docs.slack.dev/reference/block-kit/blocks/header-block
 * - context elements <= 10:                https://docs.slack.dev/reference/block-kit/blocks/context-block
 * - actions elements <= 25:                https://docs.slack.dev/reference/block-kit/blocks/actions-block
 * - button text <= 75, action_id <= 255, value <= 2000, url <= 3000:
 *                                          https://docs.slack.dev/reference/block-kit/block-elements/button-element
 * - a text object's text <= 3000:          https://docs.slack.dev/reference/block-kit/composition-objects/text-object
 * - markdown block text <= 12000:          https://docs.slack.dev/reference/block-kit/blocks/markdown-block
 * - message `text` <= 40000, attachments <= 100 (errors msg_too_long, too_many_attachments):
 *                                          https://docs.slack.dev/reference/methods/chat.postMessage
 *   (Slack documents truncating `text` past 40,000 characters; the fake refuses instead, so a test notices.)
 * Refusals carry Slack's shape: `errors` plus `response_metadata.messages` with json-pointers.
 */

export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  textObject: 3000,
  markdownBlock: 12000,
  messageText: 40000,
  attachments: 100,
} as const;

export type LimitError = 'invalid_blocks' | 'invalid_blocks_format' | 'msg_too_long' | 'too_many_attachments';

export interface LimitFailure {
  error: LimitError;
  problems: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): unknown => (isObject(v) ? v.text : undefined);
const charCount = (s: string) => [...s].length;

/** Collects Slack-style problem strings ("must be ... [json-pointer:/blocks/0/text/text]"). */
class Problems {
  readonly list: string[] = [];

  maxLength(value: unknown, max: number, pointer: string): void {
    if (typeof value === 'string' && charCount(value) > max) {
      this.list.push(`must be less than ${max + 1} characters [json-pointer:${pointer}]`);
    }
  }

  minLength(value: unknown, min: number, pointer: string): void {
    if (typeof value !== 'string' || charCount(value) < min) {
      this.list.push(`must be at least ${min} characters [json-pointer:${pointer}]`);
    }
  }

  maxItems(value: unknown, max: number, pointer: string): void {
    if (Array.isArray(value) && value.length > max) {
      this.list.push(`must provide no more than ${max} items [json-pointer:${pointer}]`);
    }
  }
}

/** Checks the parts of a chat.postMessage / chat.update / chat.postEphemeral call that Slack limits. */
export function checkMessageLimits(args: Json): LimitFailure | undefined {
  if (typeof args.text === 'string' && charCount(args.text) > LIMITS.messageText) {
    return { error: 'msg_too_long', problems: [`text is ${charCount(args.text)} characters, more than ${LIMITS.messageText}`] };
  }
  if (Array.isArray(args.attachments) && args.attachments.length > LIMITS.attachments) {
    return { error: 'too_many_attachments', problems: [`${args.attachments.length} attachments, more than ${LIMITS.attachments}`] };
  }
  if (args.blocks === undefined) return undefined;
  if (!Array.isArray(args.blocks)) {
    return { error: 'invalid_blocks_format', problems: ['blocks must be a JSON array [json-pointer:/blocks]'] };
  }
  const problems = new Problems();
  problems.maxItems(args.blocks, LIMITS.blocksPerMessage, '/blocks');
  for (const [i, block] of args.blocks.entries()) checkBlock(block, `/blocks/${i}`, problems);
  return problems.list.length ? { error: 'invalid_blocks', problems: problems.list } : undefined;
}

function checkBlock(block: unknown, at: string, p: Problems): void {
  if (!isObject(block)) {
    p.list.push(`must be an object [json-pointer:${at}]`);
    return;
  }
  p.maxLength(block.block_id, LIMITS.blockId, `${at}/block_id`);
  const check = BLOCK_CHECKS[String(block.type)];
  check?.(block, at, p);
}

const BLOCK_CHECKS: Record<string, (block: Json, at: string, p: Problems) => void> = {
  section(block, at, p) {
    if (block.text !== undefined || block.fields === undefined) {
      p.minLength(textOf(block.text), 1, `${at}/text/text`);
      p.maxLength(textOf(block.text), LIMITS.sectionText, `${at}/text/text`);
    }
    p.maxItems(block.fields, LIMITS.sectionFields, `${at}/fields`);
    if (Array.isArray(block.fields)) {
      for (const [i, f] of block.fields.entries()) p.maxLength(textOf(f), LIMITS.sectionFieldText, `${at}/fields/${i}/text`);
    }
    if (block.accessory !== undefined) checkElement(block.accessory, `${at}/accessory`, p);
  },
  header(block, at, p) {
    p.minLength(textOf(block.text), 1, `${at}/text/text`);
    p.maxLength(textOf(block.text), LIMITS.headerText, `${at}/text/text`);
    if (isObject(block.text) && block.text.type !== 'plain_text') {
      p.list.push(`must be plain_text [json-pointer:${at}/text/type]`);
    }
  },
  context(block, at, p) {
    p.maxItems(block.elements, LIMITS.contextElements, `${at}/elements`);
    if (Array.isArray(block.elements)) {
      for (const [i, e] of block.elements.entries()) p.maxLength(textOf(e), LIMITS.textObject, `${at}/elements/${i}/text`);
    }
  },
  actions(block, at, p) {
    p.maxItems(block.elements, LIMITS.actionsElements, `${at}/elements`);
    if (Array.isArray(block.elements)) for (const [i, e] of block.elements.entries()) checkElement(e, `${at}/elements/${i}`, p);
  },
  markdown(block, at, p) {
    p.maxLength(block.text, LIMITS.markdownBlock, `${at}/text`);
  },
};

function checkElement(element: unknown, at: string, p: Problems): void {
  if (!isObject(element)) return;
  p.maxLength(element.action_id, LIMITS.actionId, `${at}/action_id`);
  if (element.type !== 'button') return;
  p.maxLength(textOf(element.text), LIMITS.buttonText, `${at}/text/text`);
  p.maxLength(element.value, LIMITS.buttonValue, `${at}/value`);
  p.maxLength(element.url, LIMITS.buttonUrl, `${at}/url`);
}
