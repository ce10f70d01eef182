/** A DOM id for the form field at a dot path, e.g. `f-network-hidden-0-units`. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
