// Starts the example as an app would (the usage test bundles this file). Zoneless change
// detection: Angular re-renders after template event handlers such as (sor-select) without zone.js.
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { ReferralComponent } from './referral.component';

bootstrapApplication(ReferralComponent, {
  providers: [provideZonelessChangeDetection()],
}).catch((error: unknown) => console.error(error));
