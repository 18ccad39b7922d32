"use client";
/**
 * /: the catalogue could not load. Each route segment that loads chain data on the server has an
 * error.tsx like this one: the node or the indexer did not answer (lib/server/load.ts throws), so
 * the segment shows the human message and a retry button instead of the page.
 */
import { LoadError, type SegmentErrorProps } from "@/components/LoadError.tsx";

export default function CatalogueError(props: SegmentErrorProps) {
  return <LoadError {...props} />;
}
