// Lets TSX type-check <sor-picker>: React 19 passes props that the element has as properties
// (`catalog`, `value`) and the rest as attributes.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { SorCatalog, SorPicker } from 'sor-picker';

type SorPickerProps = DetailedHTMLProps<HTMLAttributes<SorPicker>, SorPicker> & {
  catalog?: SorCatalog;
  src?: string;
  name?: string;
  label?: string;
  value?: string;
  required?: boolean;
  disabled?: boolean;
  multiple?: boolean;
  'max-results'?: number;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'sor-picker': SorPickerProps;
    }
  }
}
