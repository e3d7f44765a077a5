import { useState } from 'react';
import { createRoot } from 'react-dom/client';

// The yardstick for the renderer start benchmark: React 19 and one labelled password field, nothing
// else. Controlled like the app's field, and its button likewise waits for a passphrase, so an input
// travels the same path through React and shows the same way.
function MinimalPage() {
  const [value, setValue] = useState('');
  return (
    <form onSubmit={(event) => event.preventDefault()}>
      <label htmlFor="passphrase">Wachtwoordzin</label>
      <input id="passphrase" type="password" value={value} onChange={(event) => setValue(event.target.value)} autoFocus />
      <button type="submit" disabled={value.length === 0}>Ontgrendelen</button>
    </form>
  );
}

createRoot(document.getElementById('root')!).render(<MinimalPage />);
