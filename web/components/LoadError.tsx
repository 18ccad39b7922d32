"use client";
/**
 * What a route segment's error.tsx shows when its page could not load (the node or the indexer did
 * not answer): the human message, never a stack trace, and a button that loads the page again.
 * Refusals the chain explains (not found, bad id) stay on the page itself (lib/server/load.ts).
 */
import { useRouter } from "next/navigation";
import { startTransition } from "react";

import { useMessages } from "@/lib/platform-context.tsx";

/** The props Next.js gives an error.tsx. */
export type SegmentErrorProps = { error: Error & { digest?: string }; reset: () => void };

export function LoadError({ reset, heading }: SegmentErrorProps & { heading?: string }) {
  const { m } = useMessages();
  const router = useRouter();
  // The page is a server component: refresh re-runs it on the server, reset re-mounts the segment.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <>
      {heading ? <h1>{heading}</h1> : null}
      <p role="alert" className="banner error" data-testid="load-error">
        {/* The layout's banner already names the node that does not answer: say what it means here. */}
        {m.errors.pageNotLoaded}{" "}
        <button type="button" onClick={retry} data-testid="load-retry">
          {m.errors.retry}
        </button>
      </p>
    </>
  );
}
