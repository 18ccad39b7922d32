"use client";
/** /designer: the page could not load (app/error.tsx's note applies). */
import { LoadError, type SegmentErrorProps } from "@/components/LoadError.tsx";

export default function DesignerError(props: SegmentErrorProps) {
  return <LoadError {...props} />;
}
