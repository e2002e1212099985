import { useEffect, useRef, useState } from 'react';
import type { SorPicker, SorSelection } from 'sor-picker';
// Registers the tag once, wherever the app first imports it.
import 'sor-picker/define/sor-picker.js';

export function ReferralForm({ manifestUrl }: { manifestUrl: string }) {
  const picker = useRef<SorPicker>(null);
  const [receiver, setReceiver] = useState<SorSelection | null>(null);

  // `sor-select` is a typed CustomEvent (declared in GlobalEventHandlersEventMap), so
  // `event.detail` is a SorSelection. A ref works in every React version.
  useEffect(() => {
    const element = picker.current;
    if (!element) return;
    const onSelect = (event: GlobalEventHandlersEventMap['sor-select']) => setReceiver(event.detail);
    element.addEventListener('sor-select', onSelect);
    return () => element.removeEventListener('sor-select', onSelect);
  }, []);

  return (
    <form method="post" action="/referrals">
      {/* Form-associated: the chosen SOR code is submitted as `receiver`, like a native field. */}
      <sor-picker ref={picker} src={manifestUrl} name="receiver" label="Modtager" required />
      <p>
        Modtager: <output>{receiver ? `${receiver.name} (SOR ${receiver.sorCode})` : '–'}</output>
      </p>
      <button>Send henvisning</button>
    </form>
  );
}
