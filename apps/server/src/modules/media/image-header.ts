// What an uploaded file really is, read from its bytes: the PNG signature and IHDR chunk, or the
// JPEG SOI marker and its first SOFn frame header. The name and the Content-Type the client sent
// are never trusted. Only the header is read; no pixel is decoded.
import { crc32 } from 'node:zlib';

export type ImageType = 'image/png' | 'image/jpeg';

export type HeaderReading =
  | { ok: true; type: ImageType; width: number; height: number }
  /** `type`: neither PNG nor JPEG; `header`: it starts like one, but its size cannot be read. */
  | { ok: false; problem: 'type' | 'header' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Signature, then the IHDR chunk: length, "IHDR", 13 bytes of data, CRC. */
const PNG_HEADER_BYTES = 8 + 4 + 4 + 13 + 4;
const MAX_SIDE = 0x7fffffff;

function readPng(b: Buffer): HeaderReading {
  if (b.length < PNG_HEADER_BYTES) return { ok: false, problem: 'header' };
  if (b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR')
    return { ok: false, problem: 'header' };
  if (crc32(b.subarray(12, 29)) !== b.readUInt32BE(29)) return { ok: false, problem: 'header' };
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE)
    return { ok: false, problem: 'header' };
  return { ok: true, type: 'image/png', width, height };
}

/** Start-of-frame markers that carry the image size (C4 DHT, C8 JPG and CC DAC are not frames). */
const isFrameMarker = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** Markers that stand alone, without a length: TEM and RST0–RST7. */
const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

function readJpeg(b: Buffer): HeaderReading {
  let at = 2;
  while (at < b.length) {
    if (b[at] !== 0xff) return { ok: false, problem: 'header' };
    while (at < b.length && b[at] === 0xff) at++; // fill bytes before the marker code
    if (at >= b.length) break;
    const marker = b[at++];
    if (isStandalone(marker)) continue;
    // The scan or the end of the image before any frame header: the size is nowhere to be found.
    if (marker === 0xda || marker === 0xd9 || marker === 0xd8) break;
    if (at + 2 > b.length) break;
    const length = b.readUInt16BE(at);
    if (length < 2 || at + length > b.length) break;
    if (isFrameMarker(marker)) {
      if (length < 8) break;
      const height = b.readUInt16BE(at + 3);
      const width = b.readUInt16BE(at + 5);
      // A zero height means "defined later by a DNL marker", which no browser we serve relies on.
      if (width < 1 || height < 1) break;
      return { ok: true, type: 'image/jpeg', width, height };
    }
    at += length;
  }
  return { ok: false, problem: 'header' };
}

export function readImageHeader(bytes: Buffer): HeaderReading {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return readPng(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return readJpeg(bytes);
  return { ok: false, problem: 'type' };
}
