"use client";
/** /workbench/<applicationId>/<step>: the review could not load (app/error.tsx's note applies). */
import { LoadError, type SegmentErrorProps } from "@/components/LoadError.tsx";
import { useMessages } from "@/lib/platform-context.tsx";

export default function ReviewError(props: SegmentErrorProps) {
  const { m } = useMessages();
  return <LoadError {...props} heading={m.review.title} />;
}
