import type { Catalogs, Control, ControlEffect } from '../catalog/types.js';

/** requirement id -> what can meet it: native capabilities and compensating control effects. */
export interface ControlIndex {
  capabilities: Map<string, string[]>;
  controls: Map<string, { control: Control; effects: ControlEffect[] }[]>;
}

export function buildControlIndex(catalogs: Catalogs): ControlIndex {
  const capabilities = new Map<string, string[]>();
  for (const cap of catalogs.capabilities.values()) {
    for (const req of cap.meets) {
      const list = capabilities.get(req) ?? [];
      list.push(cap.id);
      capabilities.set(req, list);
    }
  }
  const controls = new Map<string, { control: Control; effects: ControlEffect[] }[]>();
  for (const control of catalogs.controls.values()) {
    const byReq = new Map<string, ControlEffect[]>();
    for (const e of control.meets) byReq.set(e.requirement, [...(byReq.get(e.requirement) ?? []), e]);
    for (const [req, effects] of byReq) {
      // full effects first: the best applicable effect counts
      effects.sort((a, b) => (a.extent === b.extent ? 0 : a.extent === 'full' ? -1 : 1));
      controls.set(req, [...(controls.get(req) ?? []), { control, effects }]);
    }
  }
  return { capabilities, controls };
}
