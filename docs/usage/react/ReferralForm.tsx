import { useState } from 'react';
import type { SorSelection } from 'sor-picker';
// The TSX typings the package generates from its custom-elements.json: every attribute, property
// and event of <sor-picker>, <sor-tree> and <sor-sync-status>. Type-only: nothing runs.
import type {} from 'sor-picker/react';
// Registers the tag once, wherever the app first imports it.
import 'sor-picker/define/sor-picker.js';

export function ReferralForm({ manifestUrl }: { manifestUrl: string }) {
  const [receiver, setReceiver] = useState<SorSelection | null>(null);

  return (
    <form method="post" action="/referrals">
      {/* Form-associated: the chosen SOR code is submitted as `receiver`, like a native field.
          React 19 listens to the event named after `on`, verbatim: `onsor-select` is `sor-select`,
          and `event.detail` is typed as the SorSelection. */}
      <sor-picker
        src={manifestUrl}
        name="receiver"
        label="Modtager"
        required
        onsor-select={(event) => setReceiver(event.detail)}
      />
      <p>
        Modtager: <output>{receiver ? `${receiver.name} (SOR ${receiver.sorCode})` : '–'}</output>
      </p>
      <button>Send henvisning</button>
    </form>
  );
}
