import type { webApi } from '@slack/bolt';
import type { ChatSurface, MessageRef } from '../core/ports.js';
import type { ChangeRequestView, ErrorView, JobView, ReplyView } from '../render/views.js';
import { renderChangeRequest } from './change-blocks.js';
import { renderDiffs, renderError, renderProgress, renderReply, renderSummary } from './block-kit.js';

/**
 * ChatSurface over the Slack Web API, for one channel. Translates views into Block Kit and
 * calls; decides nothing about jobs.
 */
export class SlackSurface implements ChatSurface {
  /** `threadTs`: the job lives in that thread (a change runs in its request's thread). */
  constructor(
    private readonly client: webApi.WebClient,
    private readonly channel: string,
    private readonly threadTs?: string,
  ) {}

  async postJob(view: JobView): Promise<MessageRef> {
    const r = renderProgress(view);
    const res = await this.client.chat.postMessage({
      channel: this.channel,
      text: r.text,
      blocks: r.blocks,
      ...(this.threadTs ? { thread_ts: this.threadTs } : {}),
    });
    return { channel: res.channel ?? this.channel, ts: res.ts! };
  }

  async updateJob(ref: MessageRef, view: JobView, full: () => string): Promise<void> {
    const r = view.finished ? renderSummary(view) : renderProgress(view);
    await this.client.chat.update({ channel: ref.channel, ts: ref.ts, text: r.text, blocks: r.blocks });
    const diffs = view.finished ? renderDiffs(view) : undefined;
    // The diffs are read in the thread; the file still carries everything when they are long.
    if (diffs) {
      await this.client.chat.postMessage({
        channel: ref.channel,
        thread_ts: this.threadTs ?? ref.ts,
        text: diffs.text,
        blocks: diffs.blocks,
      });
    }
    if (view.finished && (r.truncated || view.attachOutput || diffs?.truncated)) await this.attach(ref, `${view.id}-results.txt`, full());
  }

  async reply(ref: MessageRef, view: ReplyView): Promise<void> {
    const r = renderReply(view);
    await this.client.chat.postMessage({ channel: ref.channel, thread_ts: this.threadTs ?? ref.ts, text: r.text, blocks: r.blocks });
  }

  /** A notice for the whole channel (top level, not in a thread, not ephemeral). */
  async announce(view: ReplyView): Promise<void> {
    const r = renderReply(view);
    await this.client.chat.postMessage({ channel: this.channel, text: r.text, blocks: r.blocks });
  }

  async postChange(view: ChangeRequestView): Promise<MessageRef> {
    const r = renderChangeRequest(view);
    const res = await this.client.chat.postMessage({ channel: this.channel, text: r.text, blocks: r.blocks });
    return { channel: res.channel ?? this.channel, ts: res.ts! };
  }

  async updateChange(ref: MessageRef, view: ChangeRequestView): Promise<void> {
    const r = renderChangeRequest(view);
    await this.client.chat.update({ channel: ref.channel, ts: ref.ts, text: r.text, blocks: r.blocks });
  }

  async tellUser(user: string, view: ReplyView | ErrorView): Promise<void> {
    const r = 'title' in view ? renderReply(view) : renderError(view);
    await this.client.chat.postEphemeral({ channel: this.channel, user, text: r.text, blocks: r.blocks });
  }

  /** Sends a file to one user in a direct message: detail meant for them alone (audit records). */
  async sendFileToUser(user: string, name: string, content: string, comment: string): Promise<void> {
    const dm = await this.client.conversations.open({ users: user });
    await this.client.files.uploadV2({ channel_id: dm.channel!.id!, filename: name, title: name, content, initial_comment: comment });
  }

  async attach(ref: MessageRef, name: string, content: string): Promise<void> {
    await this.client.files.uploadV2({
      channel_id: ref.channel,
      thread_ts: this.threadTs ?? ref.ts,
      filename: name,
      title: name,
      content,
      initial_comment: 'Full results and raw output of every device',
    });
  }
}
