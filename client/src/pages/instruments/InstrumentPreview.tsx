// The preview of an uploaded instrument: the respondent's own page (take-survey/SurveyPreview.tsx) in a
// frame as wide as a phone or a desktop, so it has the respondent's styles and, the frame being its
// viewport, the same layout rules at that width as on the device.
import { useEffect, useRef, useState } from 'react';
import { previewMessage, previewPath, type PreviewShown } from '../take-survey/preview-messages';

export function InstrumentPreview({ instrument, contactQuestions, locale, width, title }: PreviewShown & { width: number; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(600);
  // Counts the frame's «ready» messages: a new frame (a new width) says it again and is sent the instrument.
  const [ready, setReady] = useState(0);

  // The frame says when it can take the instrument, and how tall its page is.
  useEffect(() => {
    const receive = (e: MessageEvent<{ type?: string; height?: number }>) => {
      if (e.origin !== window.location.origin || e.source !== frame.current?.contentWindow) return;
      if (e.data?.type === previewMessage.ready) setReady((n) => n + 1);
      if (e.data?.type === previewMessage.height && typeof e.data.height === 'number') setHeight(Math.ceil(e.data.height));
    };
    window.addEventListener('message', receive);
    return () => window.removeEventListener('message', receive);
  }, []);
  useEffect(() => {
    if (!ready) return;
    const shown: PreviewShown & { type: string } = { type: previewMessage.show, instrument, contactQuestions, locale };
    frame.current?.contentWindow?.postMessage(shown, window.location.origin);
  }, [ready, instrument, contactQuestions, locale]);

  return (
    <div className="instruments-preview-stage" role="region" aria-label={title} tabIndex={0}>
      <iframe
        // A new width is a new device: the page starts again at that width.
        key={width}
        ref={frame}
        className="instruments-preview"
        src={previewPath}
        title={title}
        width={width}
        height={height}
      />
    </div>
  );
}
