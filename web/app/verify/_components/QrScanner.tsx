"use client";
/**
 * Scans a QR code with the device camera: the browser's BarcodeDetector where there is one, else
 * jsQR (loaded only when needed) on the video's frames. Calls `onText` with the first code read.
 */
import { useEffect, useRef, useState } from "react";

import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

export function QrScanner({ onText }: { onText: (text: string) => void }) {
  const { m } = useMessages();
  const t = m.holder.verify;
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const handler = useRef(onText);
  useEffect(() => {
    handler.current = onText;
  }, [onText]);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement("canvas");
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error("no camera API");
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        if (stopped) return;
        const element = video.current!;
        element.srcObject = stream;
        await element.play();
        const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
        const native = Native ? new Native({ formats: ["qr_code"] }) : undefined;
        const jsQR = native ? undefined : (await import("jsqr")).default;
        const tick = async () => {
          if (stopped) return;
          let text: string | undefined;
          if (native) {
            text = (await native.detect(element).catch(() => []))[0]?.rawValue;
          } else if (jsQR && element.videoWidth > 0) {
            canvas.width = element.videoWidth;
            canvas.height = element.videoHeight;
            const context = canvas.getContext("2d", { willReadFrequently: true })!;
            context.drawImage(element, 0, 0);
            const image = context.getImageData(0, 0, canvas.width, canvas.height);
            text = jsQR(image.data, image.width, image.height)?.data;
          }
          if (text) handler.current(text);
          else timer = setTimeout(() => void tick(), 250);
        };
        void tick();
      } catch (e) {
        setProblem(format(t.noCamera, { reason: (e as Error).message }));
      }
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [t]);

  return (
    <div data-testid="qr-scanner">
      {problem ? (
        <p role="alert" className="banner warn">
          {problem}
        </p>
      ) : (
        <p role="status">{t.scanning}</p>
      )}
      <video
        ref={video}
        muted
        playsInline
        style={{ width: "100%", maxWidth: 360, display: problem ? "none" : "block" }}
      />
    </div>
  );
}
