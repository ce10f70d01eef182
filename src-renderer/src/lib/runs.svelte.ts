import type { LabApi, RunSummary } from '../../../src-shared/lab-api.ts';
import type { History } from '../../../src-shared/model-schema.ts';
import { showError } from './alerts.svelte.ts';

// The kept runs, and which of them are overlaid on the charts.

/** A kept run's curves, for overlaying. */
export interface Overlay {
  runId: string;
  name: string;
  history: History;
}

/** The list of kept runs and the overlay selection. */
export class RunsStore {
  list = $state.raw<RunSummary[]>([]);
  /** Ids of runs whose curves are overlaid. */
  selected = $state<string[]>([]);
  overlays = $state.raw<Overlay[]>([]);
  loading = $state(false);

  constructor(private lab: LabApi) {}

  /** Reloads the list from the host. */
  async refresh(): Promise<void> {
    this.loading = true;
    const result = await this.lab.listRuns();
    this.loading = false;
    if (!result.ok) {
      showError(`Could not list the runs: ${result.error}`);
      return;
    }
    this.list = result.value;
    this.selected = this.selected.filter((id) =>
      this.list.some((r) => r.id === id),
    );
    this.overlays = this.overlays.filter((o) =>
      this.selected.includes(o.runId),
    );
  }

  /** Adds or removes a run's curves from the charts. */
  async toggle(runId: string): Promise<void> {
    if (this.selected.includes(runId)) {
      this.selected = this.selected.filter((id) => id !== runId);
      this.overlays = this.overlays.filter((o) => o.runId !== runId);
      return;
    }
    this.selected = [...this.selected, runId];
    const result = await this.lab.getRunModel({ runId });
    if (!result.ok) {
      this.selected = this.selected.filter((id) => id !== runId);
      showError(`Could not load the run's curves: ${result.error}`);
      return;
    }
    const name = this.list.find((r) => r.id === runId)?.name ?? runId;
    this.overlays = [
      ...this.overlays,
      { runId, name, history: result.value.history },
    ];
  }

  /** Renames a run. */
  async rename(runId: string, name: string): Promise<void> {
    const result = await this.lab.renameRun({ runId, name });
    if (!result.ok) showError(`Could not rename the run: ${result.error}`);
    await this.refresh();
    this.overlays = this.overlays.map((o) =>
      o.runId === runId ? { ...o, name } : o,
    );
  }

  /** Deletes a run and its files. */
  async remove(runId: string): Promise<void> {
    const result = await this.lab.deleteRun({ runId });
    if (!result.ok) showError(`Could not delete the run: ${result.error}`);
    await this.refresh();
  }
}
