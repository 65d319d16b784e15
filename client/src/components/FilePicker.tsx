// A file to upload, chosen with a button or dropped on the box, in the page's language: the browser's
// own file input says «Choose File / No file chosen» in its own language whatever the page's. The
// input stays (hidden) for its label and the files it holds; the button opens it from the keyboard.
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTexts } from '../i18n';
import './file-picker.css';

const texts = {
  ru: {
    choose: 'Выбрать файл',
    none: 'Файл не выбран',
    chosen: 'Выбран файл «{name}»',
    drop: 'Или перетащите файл сюда.',
  },
  en: {
    choose: 'Choose a file',
    none: 'No file chosen',
    chosen: 'Chosen file: {name}',
    drop: 'Or drop the file here.',
  },
};

export function FilePicker({
  id,
  label,
  accept,
  fileName,
  onFile,
  describedBy,
  children,
}: {
  id: string;
  label: string;
  accept: string;
  /** The chosen file's name, or nothing chosen yet. */
  fileName: string | undefined;
  onFile: (file: File) => void;
  /** Ids of hints about the file (its format), read with the button. */
  describedBy?: string;
  /** What the page says about the file once read (an error), shown inside the box. */
  children?: ReactNode;
}) {
  const [, t] = useTexts(texts);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = (file: File | undefined) => file && onFile(file);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files[0]);
  };
  return (
    <div
      className={over ? 'file-picker file-picker-over' : 'file-picker'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id} id={`${id}-label`} className="file-picker-label">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        className="visually-hidden"
        type="file"
        accept={accept}
        tabIndex={-1}
        onChange={(e) => {
          take(e.target.files?.[0]);
          // The same file chosen again (after fixing it on disk) is read again.
          e.target.value = '';
        }}
      />
      <div className="file-picker-row">
        <button
          type="button"
          className="button-quiet"
          aria-describedby={[`${id}-label`, `${id}-name`, describedBy].filter(Boolean).join(' ')}
          onClick={() => input.current?.click()}
        >
          {t('choose')}
        </button>
        <span id={`${id}-name`} className="file-picker-name" aria-live="polite">
          {fileName ? t('chosen').replace('{name}', fileName) : t('none')}
        </span>
      </div>
      <p className="file-picker-drop">{t('drop')}</p>
      {children}
    </div>
  );
}
