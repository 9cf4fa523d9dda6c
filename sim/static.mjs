/** Read-only static file serving for the demo page and the built package, with no way out of each root. */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from './http.mjs';

/** Content types by file extension; anything else is application/octet-stream. */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

/** Returns the content type for a file name. */
export function contentTypeFor(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Normalizes mounts `{ '/prefix': dir }` (dirs relative to `root`) into a list, longest prefix first. */
function normalizeMounts(dirs, root) {
  return Object.entries(dirs)
    .map(([prefix, dir]) => ({ prefix: prefix.replace(/\/+$/, ''), dir: path.resolve(root, dir) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
}

/** Splits a raw URL path into decoded segments; null if one is unsafe (`.`, `..`, a dotfile, `/`, `\`, NUL, bad encoding). */
function safeSegments(rawRest) {
  const segments = [];
  for (const raw of rawRest.split('/')) {
    if (raw === '') continue;
    let seg;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg.startsWith('.') || /[/\\\0]/.test(seg)) return null;
    segments.push(seg);
  }
  return segments;
}

/** Resolves a request to a regular file inside its mount (following symlinks only within it), or null. */
async function resolveFile(mount, segments) {
  let file = path.join(mount.dir, ...segments);
  if (file !== mount.dir && !file.startsWith(mount.dir + path.sep)) return null;
  try {
    if ((await fs.promises.stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const [real, realRoot] = await Promise.all([fs.promises.realpath(file), fs.promises.realpath(mount.dir)]);
    if (!real.startsWith(realRoot + path.sep)) return null;
    const stat = await fs.promises.stat(real);
    return stat.isFile() ? { file: real, size: stat.size } : null;
  } catch {
    return null;
  }
}

/** Creates a static handler (the security headers are the caller's); `handle(req, res, url)` resolves false when no mount covers the path. */
export function createStaticHandler(dirs, root) {
  const mounts = normalizeMounts(dirs, root);

  /** Serves the file for this request, throws a 404/405 ApiError, or resolves false if unmounted. */
  return async function handle(req, res, url) {
    const p = url.pathname;
    const mount = mounts.find(({ prefix }) => p === prefix || p.startsWith(`${prefix}/`));
    if (!mount) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new ApiError(405, `Method ${req.method} is not allowed here`, { headers: { allow: 'GET, HEAD' } });
    }
    const segments = safeSegments(p.slice(mount.prefix.length));
    const found = segments && (await resolveFile(mount, segments));
    if (!found) throw new ApiError(404, `Not found: ${p}`);
    res.writeHead(200, {
      'content-type': contentTypeFor(found.file),
      'content-length': found.size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise((resolve) => {
      const stream = fs.createReadStream(found.file);
      stream.on('error', () => { res.destroy(); resolve(); });
      stream.on('end', resolve);
      stream.pipe(res);
    });
    return true;
  };
}
