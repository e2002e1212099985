import * as ElementId from './element-ids.js';
import type { RawAddress } from './raw-export.js';

/**
 * The parts of one OIO address being read (street name, building, postcode, district), from the
 * address element's opening until it closes and becomes a `RawAddress`.
 */
export class AddressParts {
  private streetName = '';
  private building = '';
  private postcode = '';
  private city = '';

  /** Keeps the text of one part element; other elements are not parts and are ignored. */
  set(id: number, text: string): void {
    const value = text.trim();
    if (id === ElementId.STREET_NAME) this.streetName = value;
    else if (id === ElementId.BUILDING) this.building = value;
    else if (id === ElementId.POSTCODE) this.postcode = value;
    else if (id === ElementId.DISTRICT) this.city = value;
  }

  /** The address as the build keeps it: street name and building joined, every part interned. */
  toRaw(intern: (value: string) => string): RawAddress {
    return {
      street: intern(`${this.streetName} ${this.building}`.trim()),
      postcode: intern(this.postcode),
      city: intern(this.city),
    };
  }
}
