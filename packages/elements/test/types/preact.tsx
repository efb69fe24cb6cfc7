// Type test, checked by test/types.test.ts with `tsc -p test/types/tsconfig.preact.json`: a Preact 10
// app that imports the element's types as a user would, through the package's exports.
import type {} from '@motcua/elements/preact';
import type { StepChangeDetail } from '@motcua/elements';

export function Kiosk({ onDone }: { onDone: (code: string) => void }) {
  return (
    <motcua-procedure
      src="/procedures/birth-registration.js"
      mode="kiosk"
      per-page="question"
      idle-timeout={90}
      files-at-counter="false"
      confirmation="host"
      lang="en"
      class="kiosk-form"
      answers={{ fullName: 'Nguyễn Văn A' }}
      onmotcua-submitted={(event) => {
        const answers: Record<string, unknown> = event.detail.answers;
        onDone(String(event.detail.receipt ?? Object.keys(answers).length));
      }}
      onmotcua-step-change={(event) => {
        const detail: StepChangeDetail = event.detail;
        console.log(detail.index, detail.count);
      }}
      onmotcua-reset={(event) => {
        const reason: 'reset' | 'idle' | 'pagehide' = event.detail.reason;
        console.log(reason, event.detail.hadData);
      }}
    />
  );
}

export function Wrong() {
  return (
    <>
      {/* @ts-expect-error mode is `portal` or `kiosk`: a typo must not type-check */}
      <motcua-procedure mode="tablet" />
      {/* @ts-expect-error per-page is `step` or `question` */}
      <motcua-procedure per-page="all" />
      {/* @ts-expect-error idle-timeout is a number of seconds */}
      <motcua-procedure idle-timeout="soon" />
      <motcua-procedure
        // @ts-expect-error the detail of motcua-failed has `message`, not `receipt`
        onmotcua-failed={(event) => event.detail.receipt}
      />
      {/* @ts-expect-error `procedure` is a compiled Procedure, not a URL */}
      <motcua-procedure procedure="/procedures/birth-registration.js" />
    </>
  );
}
