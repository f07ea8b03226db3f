import { fail, type MethodHandler, ok } from './method-kit.ts';
import type { StandInMessage, StandInUpload } from './types.ts';
import type { ChannelRecord, Workspace } from './workspace.ts';
import { postMessage } from './writes.ts';

const MIME_TYPES: Record<string, string> = {
  md: 'text/markdown',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  html: 'text/html',
};

function uploadPath(fileId: string): string {
  return `/upload/${fileId}`;
}

function downloadPath(upload: StandInUpload): string {
  return `/files/${upload.id}/${encodeURIComponent(upload.filename)}`;
}

export function fileView(
  workspace: Workspace,
  upload: StandInUpload,
  baseUrl: string,
): Record<string, unknown> {
  const extension = /\.([a-z0-9]+)$/i.exec(upload.filename)?.[1]?.toLowerCase();
  const created = Math.floor(workspace.now() / 1000);
  const { botUserId, teamDomain } = workspace.identity;
  const url = `${baseUrl}${downloadPath(upload)}`;
  return {
    id: upload.id,
    created,
    timestamp: created,
    name: upload.filename,
    title: upload.title,
    mimetype: (extension && MIME_TYPES[extension]) ?? 'application/octet-stream',
    filetype: extension ?? 'binary',
    user: botUserId,
    editable: false,
    size: upload.bytes?.length ?? upload.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    url_private: url,
    url_private_download: url,
    permalink: `https://${teamDomain}.slack.com/files/${botUserId}/${upload.id}/${upload.filename}`,
  };
}

const getUploadUrl: MethodHandler = ({ workspace, args, baseUrl }) => {
  const filename = args.string('filename');
  const length = args.int('length');
  if (filename === undefined || length === undefined || length < 0) {
    return fail('invalid_arguments');
  }
  const upload: StandInUpload = {
    id: workspace.nextId('F'),
    filename,
    length,
    title: filename,
    bytes: null,
    completed: false,
    channels: [],
  };
  workspace.uploads.set(upload.id, upload);
  return ok({ upload_url: `${baseUrl}${uploadPath(upload.id)}`, file_id: upload.id });
};

interface FileRef {
  id: string;
  title?: string;
}

function readFileRefs(value: unknown): FileRef[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const refs: FileRef[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { id, title } = item as { id?: unknown; title?: unknown };
    if (typeof id !== 'string') return undefined;
    refs.push(typeof title === 'string' ? { id, title } : { id });
  }
  return refs;
}

const completeUpload: MethodHandler = ({ workspace, args, baseUrl }) => {
  const refs = readFileRefs(args.raw.files);
  if (!refs) return fail('invalid_arguments');
  const uploads: StandInUpload[] = [];
  for (const ref of refs) {
    const upload = workspace.uploads.get(ref.id);
    // Slack cannot complete a file whose bytes never reached the upload URL.
    if (!upload || upload.bytes === null) return fail('file_not_found');
    uploads.push(upload);
  }
  const channelIds = args.list('channels') ?? args.list('channel_id') ?? [];
  const channels: ChannelRecord[] = [];
  for (const id of channelIds) {
    const channel = workspace.channelForWrite(id);
    if (!channel) return fail('channel_not_found');
    channels.push(channel);
  }
  refs.forEach((ref, i) => {
    const upload = uploads[i];
    if (!upload) return;
    upload.title = ref.title ?? upload.title;
    upload.completed = true;
    upload.channels.push(...channels.map((c) => c.id));
  });
  for (const channel of channels) shareFiles(workspace, channel, uploads, args.raw, baseUrl);
  return ok({ files: uploads.map((u) => ({ id: u.id, title: u.title })) });
};

/** The file_share message Slack posts when files are completed into a channel. */
function shareFiles(
  workspace: Workspace,
  channel: ChannelRecord,
  uploads: StandInUpload[],
  raw: Record<string, unknown>,
  baseUrl: string,
): void {
  const comment = typeof raw.initial_comment === 'string' ? raw.initial_comment : '';
  const message: StandInMessage = {
    channel: channel.id,
    ts: workspace.nextTs(),
    subtype: 'file_share',
    text: comment,
    files: uploads.map((u) => fileView(workspace, u, baseUrl)),
    upload: true,
    display_as_bot: false,
    ...workspace.botAuthor(),
  };
  if (!comment && Array.isArray(raw.blocks)) message.blocks = raw.blocks;
  if (typeof raw.thread_ts === 'string' && raw.thread_ts !== '') message.thread_ts = raw.thread_ts;
  postMessage(workspace, message);
}

const info: MethodHandler = ({ workspace, args, baseUrl }) => {
  const upload = workspace.uploads.get(args.string('file') ?? '');
  if (!upload?.completed) return fail('file_not_found');
  return ok({ file: fileView(workspace, upload, baseUrl) });
};

export const fileMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
  'files.info': info,
};
