import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import type { SorSelection } from 'sor-picker';
// Registers <sor-picker> once, wherever the app first imports it.
import 'sor-picker/define/sor-picker.js';

@Component({
  selector: 'app-referral',
  standalone: true,
  // Lets Angular's template compiler accept the custom element and its attributes.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <form method="post" action="/referrals">
      <!-- Form-associated: the chosen SOR code is submitted as "receiver", like a native field. -->
      <sor-picker
        src="https://snapshots.example.org/sor/manifest.json"
        name="receiver"
        label="Modtager"
        required
        (sor-select)="onSelect($event)"
      ></sor-picker>
      <p>Modtager: {{ receiver ? receiver.name + ' (SOR ' + receiver.sorCode + ')' : '–' }}</p>
      <button>Send henvisning</button>
    </form>
  `,
})
export class ReferralComponent {
  receiver: SorSelection | null = null;

  // Angular types template events as Event; sor-select is a CustomEvent<SorSelection>.
  onSelect(event: Event): void {
    this.receiver = (event as GlobalEventHandlersEventMap['sor-select']).detail;
  }
}
