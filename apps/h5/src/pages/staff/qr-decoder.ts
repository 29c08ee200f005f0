// Reads the text of a QR code in a picture: the browser's own BarcodeDetector where it has one that
// knows QR codes (Android Chrome), else ZXing in JavaScript, loaded with the scanner and served
// with the app (nothing is fetched from elsewhere).

/** A camera frame or a photo, drawn on a canvas before reading. */
type Picture = HTMLVideoElement | HTMLImageElement;

/** Returns the text of the QR code on the canvas, or null when it finds none. */
export type ReadQr = (canvas: HTMLCanvasElement) => Promise<string | null>;

// Large photos are scaled down first: the code stays readable and the reading stays quick.
const MAX_SIDE = 1280;

interface NativeBarcodeDetector {
  detect(source: HTMLCanvasElement): Promise<{ rawValue: string }[]>;
}
interface NativeBarcodeDetectorClass {
  new (options: { formats: string[] }): NativeBarcodeDetector;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeReader(): Promise<ReadQr | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeBarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (canvas) => (await detector.detect(canvas))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

async function zxingReader(): Promise<ReadQr> {
  const [{ BrowserQRCodeReader }, { DecodeHintType, NotFoundException, ChecksumException, FormatException }] =
    await Promise.all([import('@zxing/browser'), import('@zxing/library')]);
  const reader = new BrowserQRCodeReader(new Map([[DecodeHintType.TRY_HARDER, true]]));
  return async (canvas) => {
    try {
      return reader.decodeFromCanvas(canvas).getText();
    } catch (err) {
      // "No code here" and "a code too damaged to read" both mean: try the next frame.
      if (
        err instanceof NotFoundException ||
        err instanceof ChecksumException ||
        err instanceof FormatException
      ) {
        return null;
      }
      throw err;
    }
  };
}

let reader: Promise<ReadQr> | null = null;

/** The reader, prepared once per page. */
export function loadQrReader(): Promise<ReadQr> {
  reader ??= nativeReader()
    .then((native) => native ?? zxingReader())
    .catch((err: unknown) => {
      reader = null;
      throw err;
    });
  return reader;
}

/**
 * Draws a picture on the canvas, scaled down to MAX_SIDE and then by `factor`; false while it has
 * no size yet.
 */
export function drawPicture(picture: Picture, canvas: HTMLCanvasElement, factor = 1): boolean {
  const width = picture instanceof HTMLVideoElement ? picture.videoWidth : picture.naturalWidth;
  const height = picture instanceof HTMLVideoElement ? picture.videoHeight : picture.naturalHeight;
  if (!width || !height) return false;
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height)) * factor;
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return false;
  g.drawImage(picture, 0, 0, canvas.width, canvas.height);
  return true;
}

/** The sizes a photo is read at, in turn, as a share of its (capped) size. */
export const PHOTO_SIZES = [1, 0.5, 0.6, 0.4, 0.8, 0.33];

/** The text of the QR code in a photo the user picked; null when the photo shows none. */
export async function readQrPhoto(file: File): Promise<string | null> {
  const read = await loadQrReader();
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    // ZXing misses some codes at one size that it reads at another (a sharp 600-pixel code: ~7 % at
    // full size, ~1 % after these sizes too, measured over random payloads), so a photo that
    // reads as nothing is tried smaller before the user is told so.
    for (const factor of PHOTO_SIZES) {
      if (!drawPicture(image, canvas, factor)) return null;
      const text = await read(canvas);
      if (text !== null) return text;
    }
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}
