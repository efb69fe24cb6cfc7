import { MotcuaProcedure } from '@motcua/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import birthRegistration from '../../procedures/birth-registration.procedure.json';

function App() {
  const [code, setCode] = useState<string>();
  return (
    <>
      <MotcuaProcedure
        lang="vi"
        procedure={birthRegistration}
        // A demo without a server: a real app sets `endpoint` (or sends to its own API here).
        submit={async () => ({ code: `DEMO-${Date.now()}` })}
        onMotcuaSubmitted={(event) => setCode((event.detail.receipt as { code: string }).code)}
      />
      {code && <p role="status">Mã hồ sơ: {code}</p>}
    </>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
