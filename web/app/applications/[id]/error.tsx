"use client";
/** /applications/<id>: the page could not load (app/error.tsx's note applies). */
import { LoadError, type SegmentErrorProps } from "@/components/LoadError.tsx";

export default function ApplicationError(props: SegmentErrorProps) {
  return <LoadError {...props} />;
}
