import { SpinLoading, Toast } from 'antd-mobile';
import { CloseOutline, PictureOutline } from 'antd-mobile-icons';
import { useEffect, useRef, useState } from 'react';
import { type Translate, useT } from '../../i18n/index.tsx';
import { scannedCode } from './code-form.tsx';
import { drawPicture, loadQrReader, PHOTO_SIZES } from './qr-decoder.ts';

/** Why the camera could not be used: the desk says so and the code stays typeable. */
export type CameraProblem = 'denied' | 'unavailable' | 'insecure';

interface Props {
  /** The first code worth verifying; the camera is already released. */
  onCode: (code: string) => void;
  onProblem: (problem: CameraProblem) => void;
  onClose: () => void;
  onPickPhoto: () => void;
}

// A frame every 150 ms reads a held-up code at once and leaves the phone cool.
const SCAN_INTERVAL_MS = 150;
// The same wrong code held in front of the camera is called out again only after a pause.
const REPEAT_NOTICE_MS = 3000;

/** Whether the camera has a light the page may switch (Android Chrome on most phones). */
function hasTorch(track: MediaStreamTrack): boolean {
  // `torch` is in the Image Capture spec, not yet in TypeScript's DOM types.
  const capabilities = track.getCapabilities?.() as { torch?: boolean } | undefined;
  return capabilities?.torch === true;
}

function problemOf(err: unknown): CameraProblem {
  const name = err instanceof DOMException ? err.name : '';
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable';
}

function release(stream: MediaStream) {
  for (const track of stream.getTracks()) track.stop();
}

/**
 * The full-screen camera: reads QR codes frame after frame until one is a voucher's (a counter QR
 * payload or a 12-digit code). Any other QR code gets a short notice and the reading goes on.
 */
export function QrScanner({ onCode, onProblem, onClose, onPickPhoto }: Props) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [track, setTrack] = useState<MediaStreamTrack | null>(null);
  const [torch, setTorch] = useState<boolean | null>(null);
  // The camera starts once; the latest callbacks are read through this.
  const latest = useRef<{ onCode: Props['onCode']; onProblem: Props['onProblem']; t: Translate }>({
    onCode,
    onProblem,
    t,
  });
  latest.current = { onCode, onProblem, t };

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer = 0;
    const canvas = document.createElement('canvas');
    let rejected = { text: '', at: 0 };

    function stop() {
      stopped = true;
      window.clearTimeout(timer);
      if (stream) release(stream);
    }

    async function start(element: HTMLVideoElement) {
      if (!navigator.mediaDevices?.getUserMedia) {
        latest.current.onProblem(window.isSecureContext ? 'unavailable' : 'insecure');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: { facingMode: { ideal: 'environment' } },
        });
      } catch (err) {
        if (!stopped) latest.current.onProblem(problemOf(err));
        return;
      }
      if (stopped) {
        release(stream);
        return;
      }
      element.srcObject = stream;
      const [videoTrack] = stream.getVideoTracks();
      setTrack(videoTrack);
      if (hasTorch(videoTrack)) setTorch(false);
      await element.play();
      const read = await loadQrReader();
      let frame = 0;
      const tick = async () => {
        if (stopped) return;
        // Each frame at the next of the sizes a photo is tried at: a code ZXing misses at one size
        // would otherwise be missed in every frame of a camera held still.
        const factor = PHOTO_SIZES[frame++ % PHOTO_SIZES.length];
        const text = drawPicture(element, canvas, factor) ? await read(canvas) : null;
        if (stopped) return;
        if (text !== null) {
          const code = scannedCode(text);
          if (code) {
            stop();
            latest.current.onCode(code);
            return;
          }
          const now = Date.now();
          if (text !== rejected.text || now - rejected.at > REPEAT_NOTICE_MS) {
            rejected = { text, at: now };
            Toast.show({ content: latest.current.t('staff.scan.notVoucher') });
          }
        }
        timer = window.setTimeout(tick, SCAN_INTERVAL_MS);
      };
      await tick();
    }

    if (video.current) {
      start(video.current).catch(() => {
        if (stopped) return;
        stop();
        latest.current.onProblem('unavailable');
      });
    }
    return stop;
  }, []);

  async function switchTorch() {
    if (!track || torch === null) return;
    try {
      await track.applyConstraints({ advanced: [{ torch: !torch } as MediaTrackConstraintSet] });
      setTorch(!torch);
    } catch {
      setTorch(null);
    }
  }

  return (
    <div className="kq-scan" role="dialog" aria-label={t('staff.scan.title')} data-testid="staff-scanner">
      <video ref={video} className="kq-scan-video" muted playsInline />
      {!track && (
        <div className="kq-scan-starting">
          <SpinLoading color="white" />
          {t('staff.scan.starting')}
        </div>
      )}
      <div className="kq-scan-frame" aria-hidden="true">
        <i />
        <i />
        <i />
        <i />
      </div>
      <header className="kq-scan-top">
        <button type="button" className="kq-scan-close" aria-label={t('staff.scan.close')} onClick={onClose}>
          <CloseOutline />
        </button>
        <span>{t('staff.scan.title')}</span>
      </header>
      <p className="kq-scan-hint">{t('staff.scan.hint')}</p>
      <div className="kq-scan-actions">
        {torch !== null && (
          <button type="button" aria-pressed={torch} onClick={switchTorch}>
            {t(torch ? 'staff.scan.torchOff' : 'staff.scan.torchOn')}
          </button>
        )}
        <button type="button" onClick={onPickPhoto}>
          <PictureOutline />
          {t('staff.scan.photo')}
        </button>
      </div>
    </div>
  );
}
