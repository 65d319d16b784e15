// The image picker as the respondent's page draws it. survey-core disables a choice whose image does
// not load (and never shows it chosen), so a broken link or a slow phone left a question nobody could
// answer; here such a choice stays a choice, shown by its text (showLabel, on by default). survey-react-ui
// also reads a multiple choice from the input's text ("2" for the choice 2): the value kept is the
// choice's own, so a number stays a number, as the server takes it.
import { ItemValue, QuestionCheckboxBase, QuestionImagePickerModel, Serializer } from 'survey-core';

class ImagePickerKeepingChoices extends QuestionImagePickerModel {
  getItemEnabled(item: ItemValue): boolean {
    // QuestionCheckboxBase's rule (read-only, the item's enableIf), without the image's loading.
    return QuestionCheckboxBase.prototype.getItemEnabled.call(this, item);
  }

  isItemSelected(item: ItemValue): boolean {
    const value = this.value;
    if (this.isValueEmpty(value)) return false;
    if (!this.multiSelect) return this.isTwoValueEquals(value, item.value);
    return Array.isArray(value) && value.some((v) => this.isTwoValueEquals(v, item.value));
  }

  protected setNewValue(newValue: unknown): void {
    const ownValue = (v: unknown) => this.choices.find((c: ItemValue) => String(c.value) === String(v))?.value ?? v;
    super.setNewValue(this.multiSelect && Array.isArray(newValue) ? newValue.map(ownValue) : newValue);
  }
}

Serializer.overrideClassCreator('imagepicker', () => new ImagePickerKeepingChoices(''));
// An image choice shows its text under the image (unless the survey says showLabel: false): an image
// that does not load still leaves a choice one can tell apart.
Serializer.findProperty('imagepicker', 'showLabel').defaultValue = true;
