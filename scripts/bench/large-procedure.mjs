// A generated procedure far larger than any real one, for the benchmark: 30 steps, 200 fields
// and 40 conditions, with answers that ask every field. Deterministic: the same every run.
//
// Each step opens with a yes/no question; 40 later fields of the same step are asked only when
// it is answered yes (`when`), so each Continue evaluates conditions as a real procedure does.
// The other fields cycle through text (with a length limit), number, date, select and email.

export const STEPS = 30;
export const FIELDS = 200;
export const CONDITIONS = 40;

const KINDS = ['text', 'number', 'date', 'select', 'email', 'textarea'];

function text(vi, en) {
  return { vi, en };
}

/** @returns {{ definition: Record<string, unknown>, answers: Record<string, unknown> }} */
export function largeProcedure() {
  const steps = [];
  const answers = {};
  // 30 toggles, one per step, leave 170 other fields: 5 or 6 per step.
  const others = FIELDS - STEPS;
  let made = 0;
  let conditions = 0;
  for (let s = 0; s < STEPS; s++) {
    const toggle = `s${s}Toggle`;
    const fields = [
      {
        id: toggle,
        type: 'radio',
        label: text(`Bước ${s + 1}: bạn có thông tin bổ sung không?`, `Step ${s + 1}: more?`),
        required: true,
        options: [
          { value: 'yes', label: text('Có', 'Yes') },
          { value: 'no', label: text('Không', 'No') },
        ],
      },
    ];
    answers[toggle] = 'yes';
    const count = Math.floor((others * (s + 1)) / STEPS) - Math.floor((others * s) / STEPS);
    for (let f = 0; f < count; f++, made++) {
      const id = `s${s}f${f}`;
      const kind = KINDS[made % KINDS.length];
      const field = {
        id,
        type: kind,
        label: text(`Câu hỏi ${made + 1}`, `Question ${made + 1}`),
        hint: text(`Gợi ý cho câu hỏi ${made + 1}`, `Hint for question ${made + 1}`),
        required: true,
      };
      // Spread the 40 conditions evenly over the steps: the later fields of each step.
      if (conditions < CONDITIONS && f >= count - 2 && (s * 2 + (f - count + 2)) % 3 !== 2) {
        field.when = { field: toggle, equals: 'yes' };
        conditions++;
      }
      if (kind === 'text' || kind === 'textarea') {
        field.schema = { maxLength: 200 };
        answers[id] = `Trả lời số ${made + 1}: Nguyễn Văn An, Hà Nội`;
      } else if (kind === 'number') {
        field.schema = { type: 'integer', minimum: 0, maximum: 1000 };
        answers[id] = String(made);
      } else if (kind === 'date') {
        field.max = 'today';
        answers[id] = { day: '15', month: '6', year: '1990' };
      } else if (kind === 'select') {
        field.options = Array.from({ length: 12 }, (_, o) => ({
          value: `o${o}`,
          label: text(`Lựa chọn ${o + 1}`, `Option ${o + 1}`),
        }));
        answers[id] = 'o3';
      } else {
        answers[id] = `nguoidan${made}@example.vn`;
      }
      fields.push(field);
    }
    steps.push({ id: `step${s}`, title: text(`Phần ${s + 1}`, `Part ${s + 1}`), fields });
  }
  if (made + STEPS !== FIELDS || conditions !== CONDITIONS) {
    throw new Error(`large procedure: made ${made + STEPS} fields, ${conditions} conditions`);
  }
  const definition = {
    id: 'large-generated',
    version: '1.0.0',
    title: text('Thủ tục lớn (sinh tự động)', 'Large procedure (generated)'),
    steps,
  };
  return { definition, answers };
}
