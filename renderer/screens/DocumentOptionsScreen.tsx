import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OptionField } from '../../state-machines/view-model';
import { Button } from '../components/Button';
import { Detail } from '../components/Detail';
import { NumberEntryDialog, TextEntryDialog } from '../components/EntryDialogs';
import { useFittingPageSize } from '../components/fit';
import { Icon } from '../components/Icon';
import { LargeTextContext } from '../components/large-text';
import { pageCount, Pager, pageSlice } from '../components/Pager';
import { ScreenLayout, useLocalized, useMessage, useMoney, type ScreenProps } from './common';

/** Options per page: few enough that the page holds at most 8 choices, and fewer at 200 %. */
function optionsPerPage(textScale: 1 | 2, lowPosition: boolean): number {
  if (textScale === 2) return lowPosition ? 1 : 2;
  return lowPosition ? 3 : 4;
}

type Editing = { readonly kind: 'text' | 'number'; readonly key: string } | null;

function Field({ field, problem, onSet, onEdit }: { readonly field: OptionField; readonly problem: string | null; readonly onSet: (value: boolean | string | number) => void; readonly onEdit: () => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  // At 200 % the example moves to the typing dialog, which shows it above the keys.
  const large = useContext(LargeTextContext);
  const label = localized(field.label);
  const control = (() => {
    switch (field.kind) {
      case 'boolean':
        return (
          <Button className="option-toggle" pressed={field.value} onPress={() => onSet(!field.value)}>
            <span className="option-label">{label}</span>
            <span className="option-state">
              {field.value ? <Icon name="check" /> : null}
              {field.value ? t('options.yes') : t('options.no')}
            </span>
          </Button>
        );
      case 'choice':
        return (
          <fieldset className="option-choice">
            <legend className="option-label">{label}</legend>
            <div className="button-row">
              {field.choices.map((choice) => (
                <Button key={choice.value} pressed={choice.value === field.value} onPress={() => onSet(choice.value)}>
                  {choice.value === field.value ? <Icon name="check" /> : null}
                  {localized(choice.label)}
                </Button>
              ))}
            </div>
          </fieldset>
        );
      case 'number':
        return (
          <fieldset className="option-number">
            <legend className="option-label">{label}</legend>
            <div className="button-row stepper">
              <Button disabled={field.value <= field.min} onPress={() => onSet(field.value - 1)} label={t('options.less', { label })}>
                <Icon name="minus" />
              </Button>
              <span className="stepper-value" data-speak="live">
                {field.value}
              </span>
              <Button disabled={field.value >= field.max} onPress={() => onSet(field.value + 1)} label={t('options.more', { label })}>
                <Icon name="plus" />
              </Button>
              <Button onPress={onEdit}>{t('options.type-in')}</Button>
            </div>
          </fieldset>
        );
      case 'text':
        return (
          <fieldset className="option-text">
            <legend className="option-label">{label}</legend>
            {field.value !== '' || !large ? (
              <p className="option-value">{field.value !== '' ? field.value : t('options.example', { example: field.example })}</p>
            ) : null}
            <Button onPress={onEdit}>{field.value === '' ? t('options.type-in') : t('options.change')}</Button>
          </fieldset>
        );
    }
  })();
  return (
    <li className="option-field" data-option={field.key}>
      {control}
      {problem ? (
        <p className="problem" role="alert" data-speak="live">
          {problem}
        </p>
      ) : null}
    </li>
  );
}

export function DocumentOptionsScreen({ view, send, display }: ScreenProps<'document-options'>) {
  const { t } = useTranslation();
  const money = useMoney();
  const message = useMessage();
  const localized = useLocalized();
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const { ref: fieldsRef, perPage } = useFittingPageSize<HTMLUListElement>(
    optionsPerPage(display.textScale, display.lowPosition),
    1,
    `${view.document.code}:${view.language}:${display.textScale}:${display.lowPosition}:${Object.keys(view.problems).length}`,
  );
  const pages = pageCount(view.options.length, perPage);
  const shown = pageSlice(view.options, Math.min(page, pages - 1), perPage);
  const fee = view.document.fee === 0 ? t('money.free') : t('options.fee', { fee: money(view.document.fee) });
  const editedField = editing ? view.options.find((field) => field.key === editing.key) : undefined;
  const set = (key: string, value: boolean | string | number) => send({ type: 'setOption', key, value });
  return (
    <ScreenLayout
      info={
        <>
          <p data-speak="">{fee}</p>
          <Detail text={view.document.identityRequired ? t('choose.fingerprint') : t('choose.no-fingerprint')} />
          <Detail text={view.options.length > 0 ? t('options.lead') : t('options.none')} />
        </>
      }
      controls={
        <>
          {view.options.length > 0 ? (
            <ul className="option-fields" ref={fieldsRef}>
              {shown.map((field) => (
                <Field
                  key={field.key}
                  field={field}
                  problem={view.problems[field.key] ? message(view.problems[field.key] ?? '') : null}
                  onSet={(value) => set(field.key, value)}
                  onEdit={() => setEditing({ kind: field.kind === 'number' ? 'number' : 'text', key: field.key })}
                />
              ))}
            </ul>
          ) : null}
          <Pager page={Math.min(page, pages - 1)} pages={pages} onPage={setPage} />
          <Button variant="primary" onPress={() => send({ type: 'confirmOptions' })}>
            {t('options.confirm')}
          </Button>
          {editedField?.kind === 'text' ? (
            <TextEntryDialog
              title={localized(editedField.label)}
              example={editedField.example}
              maxLength={editedField.maxLength}
              initial={editedField.value}
              large={display.textScale === 2}
              onCancel={() => setEditing(null)}
              onDone={(value) => {
                setEditing(null);
                set(editedField.key, value);
              }}
            />
          ) : null}
          {editedField?.kind === 'number' ? (
            <NumberEntryDialog
              title={localized(editedField.label)}
              min={editedField.min}
              max={editedField.max}
              onCancel={() => setEditing(null)}
              onDone={(value) => {
                setEditing(null);
                set(editedField.key, value);
              }}
            />
          ) : null}
        </>
      }
    />
  );
}
