import type { LabApi, MenuAction } from '../../../src-shared/lab-api.ts';
import type { Recipe } from '../../../src-shared/recipe.ts';
import { historyToCsv } from '../../../src-shared/ui-model/history-csv.ts';
import { showError, showInfo } from './alerts.svelte.ts';
import type { LabState } from './lab-state.svelte.ts';

// Saving, opening, importing and exporting: each asks the host, which owns
// the dialogs, and reports failures in the alert region.

/** A file name made from a run or experiment name. */
function baseName(name: string | undefined | null, fallback: string): string {
  const cleaned = (name ?? '').replace(/[^A-Za-z0-9._-]+/g, '-');
  return cleaned.replace(/^-+|-+$/g, '') || fallback;
}

/** The file commands of the app. */
export class FileActions {
  busy = $state(false);

  constructor(
    private lab: LabApi,
    private app: LabState,
  ) {}

  /** Carries out a menu command. */
  async menu(action: MenuAction): Promise<void> {
    if (action === 'saveModel') return this.saveModel();
    if (action === 'openModel') return this.openModel();
    if (action === 'exportHistory') return this.exportHistory();
    this.app.view = 'lab';
    this.app.form.source = 'csv';
    return this.chooseCsv();
  }

  /** Saves the model on screen where the user chooses. */
  async saveModel(): Promise<void> {
    const { session } = this.app;
    const model = session.model;
    if (!model) {
      showError(
        'There is no trained model to save yet: train one or open one.',
      );
      return;
    }
    const name = baseName(model.experiment.name, 'model');
    const result = await this.lab.saveModel({
      model,
      suggestedName: `${name}.model.json`,
    });
    if (!result.ok) {
      showError(`Could not save the model: ${result.error}`);
      return;
    }
    if (result.value) {
      session.modelName = result.value.name;
      session.setDirty(false);
      showInfo(`Saved ${result.value.name}`);
    }
  }

  /** Opens a model file and shows it with its experiment. */
  async openModel(): Promise<void> {
    const result = await this.lab.openModel();
    if (!result.ok) {
      showError(`Could not open the model: ${result.error}`);
      return;
    }
    if (!result.value) return;

    const { model, name } = result.value;
    this.app.form.load(model.experiment);
    this.app.presetName = '';
    this.app.session.showModel(model, name, null);
    this.app.view = 'lab';
    await this.reimportCsv(model.experiment.dataset);
  }

  /** Opens a kept run's model. */
  async openRun(runId: string): Promise<void> {
    const result = await this.lab.getRunModel({ runId });
    if (!result.ok) {
      showError(`Could not open the run's model: ${result.error}`);
      return;
    }
    const model = result.value;
    this.app.form.load(model.experiment);
    this.app.presetName = '';
    this.app.session.showModel(model, null, runId);
    await this.reimportCsv(model.experiment.dataset);
  }

  /** Asks for a CSV file and reads it with its last column as the label. */
  async chooseCsv(): Promise<void> {
    const chosen = await this.lab.chooseCsv();
    if (!chosen.ok) {
      showError(`Could not open the CSV file: ${chosen.error}`);
      return;
    }
    if (!chosen.value) return;
    const csv = this.app.form.csv;
    csv.source = chosen.value;

    // The last file's import describes another file from here on.
    csv.imported = null;
    csv.error = null;
    await this.importCsv(null, undefined);
  }

  /** Reads the chosen CSV with the given label and feature columns. */
  async importCsv(
    labelColumn: string | null,
    featureColumns: string[] | undefined,
  ): Promise<void> {
    const csv = this.app.form.csv;
    if (!csv.source) return;
    this.busy = true;
    const result = await this.lab.importCsv({
      source: $state.snapshot(csv.source),
      ...(labelColumn ? { labelColumn } : {}),
      ...(featureColumns ? { featureColumns } : {}),
    });
    this.busy = false;
    if (!result.ok) {
      // Kept beside the field too, where it stays after the alert is gone.
      csv.error = result.error;
      showError(`Could not read the CSV file: ${result.error}`);
      return;
    }
    const imported = result.value;
    csv.error = null;
    csv.imported = imported;
    csv.labelColumn = imported.recipe.labelColumn;
    csv.featureColumns = [...imported.featureNames];
    this.app.form.applySuggestedOutput();
  }

  /** Reads a model's CSV again so that it can be plotted and evaluated. */
  private async reimportCsv(recipe: Recipe): Promise<void> {
    if (recipe.kind !== 'csv') return;
    await this.importCsv(recipe.labelColumn, recipe.featureColumns);
  }

  /** Writes the history of the run on screen as CSV. */
  async exportHistory(): Promise<void> {
    const { session } = this.app;
    if (session.history.length === 0) {
      showError('There is no history to export yet: train a model first.');
      return;
    }
    const name = baseName(session.experiment?.name, 'history');
    const result = await this.lab.exportHistory({
      text: historyToCsv(session.history.toHistory()),
      suggestedName: `${name}-history.csv`,
    });
    if (!result.ok) showError(`Could not export the history: ${result.error}`);
    else if (result.value) showInfo(`Exported ${result.value.name}`);
  }

  /** Writes a chart as a PNG image. */
  async exportPng(canvas: HTMLCanvasElement, what: string): Promise<void> {
    const name = baseName(this.app.session.experiment?.name, 'chart');
    const result = await this.lab.exportPng({
      dataUrl: canvas.toDataURL('image/png'),
      suggestedName: `${name}-${what}.png`,
    });
    if (!result.ok) showError(`Could not export the image: ${result.error}`);
    else if (result.value) showInfo(`Exported ${result.value.name}`);
  }
}
