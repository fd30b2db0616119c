/** A list of options shown under their sections' titles (from the schema), one generated field each. */
import type { ApiOption } from '../../../src/service/api-types.ts';
import { useT } from '../i18n/index.ts';
import type { ProfileForm } from './form-state.ts';
import { READ_ONLY } from './layout.ts';
import { OptionField } from './option-field.tsx';

const parentOf = (key: string) => (key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '');

export function OptionGroups({ options, form, profileName }: { options: readonly ApiOption[]; form: ProfileForm; profileName: string }) {
  const { lang } = useT();
  const titles = new Map(form.shapes.sections.map((s) => [s.key, s.description[lang]]));
  const groups: { parent: string; options: ApiOption[] }[] = [];
  for (const o of options) {
    const parent = parentOf(o.key);
    const last = groups[groups.length - 1];
    if (last && last.parent === parent) last.options.push(o);
    else groups.push({ parent, options: [o] });
  }
  return (
    <>
      {groups.map((g, i) => (
        <fieldset key={`${g.parent}-${i}`} className="pd-group">
          {/* A group without a section (top-level options) needs no title beyond the tab's. */}
          {g.parent && <legend>{titles.get(g.parent) ?? g.parent}</legend>}
          {g.options.map((o) => <OptionField key={o.key} option={o} form={form} profileName={profileName} readOnly={READ_ONLY.has(o.key)} />)}
        </fieldset>
      ))}
    </>
  );
}
