// Walks a person through the birth registration procedure in the terminal, one question at a
// time, with the engine deciding what to ask, what is wrong and what to send. From the root:
//
//   npm run start:terminal                   in Vietnamese
//   npm run start:terminal -- --lang en      in English
//   printf '%s\n' … | npm run start:terminal  with answers piped in, one a line
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import {
  type AddressAnswer,
  type AnswerValue,
  type Answers,
  type DocumentDefinition,
  type Fees,
  type FieldDefinition,
  type Locale,
  type Procedure,
  type SendDossier,
  type Session,
  type StepDefinition,
  type ValidationError,
  createSession,
  formatDate,
  isEmpty,
  localize,
  systemClock,
  DefinitionError,
  todayIn,
} from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import vn from '@motcua/vn/pack';
import { InputEndedError, type LineReader, createLineReader } from './line-reader.js';
import { type PlaceMatch, Places } from './places.js';
import { type InputProblem, readAnswer } from './read-answer.js';

const vi = {
  usage: [
    'Cách dùng, từ thư mục gốc của dự án:',
    '  npm run start:terminal                   tiếng Việt (mặc định)',
    '  npm run start:terminal -- --lang en      tiếng Anh (--en cũng được)',
  ].join('\n'),
  unknownArgument: (argument: string) => `Không hiểu tham số “${argument}”.`,
  agency: 'Cơ quan giải quyết',
  howTo: 'Trả lời từng câu hỏi rồi nhấn Enter. Gõ < để quay lại bước trước.',
  step: (number: number, count: number, title: string) => `Bước ${number}/${count} — ${title}`,
  optional: '(không bắt buộc)',
  example: (example: string) => `Ví dụ: ${example}`,
  current: (value: string) => `Câu trả lời hiện tại: ${value}. Nhấn Enter để giữ nguyên.`,
  pickOne: 'Nhập số của lựa chọn.',
  pickMany: 'Nhập số của các lựa chọn, cách nhau bằng dấu phẩy.',
  yesNo: 'Nhập c (có) hoặc k (không).',
  yesWords: ['c', 'có', 'co'],
  noWords: ['k', 'không', 'khong'],
  yes: 'Có',
  no: 'Không',
  dateFormat: 'Nhập theo dạng ngày/tháng/năm, ví dụ 27/3/2025.',
  filePath: 'Nhập đường dẫn tới tệp trên máy của bạn, hoặc nhấn Enter để bỏ qua.',
  province: 'Tỉnh, thành phố: gõ vài chữ của tên, không cần dấu, ví dụ ha noi.',
  commune: 'Xã, phường, đặc khu: gõ vài chữ của tên, không cần dấu. Gõ < để chọn lại tỉnh.',
  detail: 'Số nhà, tên đường, thôn, xóm:',
  pickPlace: 'Nhập số của nơi cần chọn, hoặc gõ tên khác để tìm lại.',
  chosen: (name: string) => `Đã chọn: ${name}`,
  formerly: (name: string, old: string) => `${name} (trước đây là ${old})`,
  formerlyIntro: 'Không có tên này trong danh mục mới. Có thể đơn vị cũ nay là:',
  placeNotFound: (query: string) =>
    `Không tìm thấy “${query}”. Hãy gõ ít chữ hơn, hoặc kiểm tra lại tên.`,
  firstStep: 'Đây là bước đầu tiên, không có bước nào trước đó.',
  problem: {
    choice: (count: number) => `Nhập một số từ 1 đến ${count}.`,
    choices: (count: number) => `Nhập các số từ 1 đến ${count}, cách nhau bằng dấu phẩy.`,
    yesNo: 'Nhập c nếu có, k nếu không.',
    fileNotFound: (path: string) => `Không tìm thấy tệp “${path}”. Hãy kiểm tra lại đường dẫn.`,
    unsupported: (type: string) => `Ví dụ này chưa hỗ trợ câu hỏi loại “${type}”.`,
  },
  errorsHeading: 'Có lỗi cần sửa:',
  answerElsewhere: (title: string) => `Câu trả lời cần sửa nằm ở bước “${title}”.`,
  reviewHeading: 'Kiểm tra lại hồ sơ trước khi gửi',
  reviewStep: (number: number, title: string) => `Bước ${number} — ${title}`,
  notProvided: 'Chưa cung cấp',
  fileSize: (kilobytes: string) => `${kilobytes} KB`,
  documentsHeading: 'Giấy tờ cần mang theo',
  originals: (count: number) => `${count} bản chính`,
  copies: (count: number) => `${count} bản sao`,
  feesHeading: 'Phí và lệ phí',
  money: (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`,
  feeToBeTold: 'mức do địa phương quy định, cán bộ sẽ báo khi nhận hồ sơ',
  feeTotal: (amount: string, complete: boolean) =>
    complete
      ? `Tổng cộng: ${amount}`
      : `Tổng các khoản đã biết mức: ${amount}; cán bộ sẽ báo khoản còn lại`,
  submitPrompt: 'Gửi hồ sơ? (c = gửi, số bước = sửa bước đó)',
  submitWords: ['c', 'có', 'co'],
  submitHelp: (count: number) =>
    `Nhập c để gửi hồ sơ, hoặc một số từ 1 đến ${count} để sửa bước đó.`,
  sending: 'Đang gửi hồ sơ. Ví dụ này không gửi đi đâu cả; đây là dữ liệu mà máy chủ sẽ nhận được:',
  submitted: (code: string) => `Đã gửi hồ sơ. Mã hồ sơ của bạn là ${code}.`,
  keepCode: 'Hãy ghi lại mã hồ sơ để tra cứu kết quả.',
  processingTime: (time: string) => `Thời gian giải quyết: ${time}`,
  sameDay: 'trong ngày',
  workingDays: (count: number) => `${count} ngày làm việc`,
  inputEnded: 'Dữ liệu nhập đã hết trước khi hoàn tất, nên hồ sơ chưa được gửi.',
  interrupted: 'Đã dừng. Hồ sơ chưa được gửi.',
  cannotLoad: 'Không đọc được định nghĩa thủ tục:',
};

const en: typeof vi = {
  usage: [
    'Usage, from the root of the project:',
    '  npm run start:terminal                   in Vietnamese (the default)',
    '  npm run start:terminal -- --lang en      in English (--en works too)',
  ].join('\n'),
  unknownArgument: (argument) => `Unknown option “${argument}”.`,
  agency: 'Handled by',
  howTo: 'Answer each question and press Enter. Type < to go back to the previous step.',
  step: (number, count, title) => `Step ${number} of ${count} — ${title}`,
  optional: '(optional)',
  example: (example) => `For example: ${example}`,
  current: (value) => `Your answer now: ${value}. Press Enter to keep it.`,
  pickOne: 'Enter the number of your choice.',
  pickMany: 'Enter the numbers of your choices, separated by commas.',
  yesNo: 'Enter y (yes) or n (no).',
  yesWords: ['y', 'yes'],
  noWords: ['n', 'no'],
  yes: 'Yes',
  no: 'No',
  dateFormat: 'Enter it as day/month/year, for example 27/3/2025.',
  filePath: 'Enter the path of the file on your computer, or press Enter to skip.',
  province: 'Province or city: type part of its name, accents optional, for example ha noi.',
  commune:
    'Commune, ward or special zone: type part of its name, accents optional. Type < to choose the province again.',
  detail: 'House number, street, village or hamlet:',
  pickPlace: 'Enter the number of the place, or type another name to search again.',
  chosen: (name) => `Chosen: ${name}`,
  formerly: (name, old) => `${name} (formerly ${old})`,
  formerlyIntro: 'This name is not in the new list. The old unit may now be:',
  placeNotFound: (query) => `Nothing found for “${query}”. Type fewer letters, or check the name.`,
  firstStep: 'This is the first step; there is no step before it.',
  problem: {
    choice: (count) => `Enter a number from 1 to ${count}.`,
    choices: (count) => `Enter numbers from 1 to ${count}, separated by commas.`,
    yesNo: 'Enter y for yes or n for no.',
    fileNotFound: (path) => `There is no file at “${path}”. Check the path and try again.`,
    unsupported: (type) => `This example cannot ask “${type}” questions yet.`,
  },
  errorsHeading: 'There is a problem:',
  answerElsewhere: (title) => `The answer to change is on the step “${title}”.`,
  reviewHeading: 'Check your answers before sending',
  reviewStep: (number, title) => `Step ${number} — ${title}`,
  notProvided: 'Not provided',
  fileSize: (kilobytes) => `${kilobytes} KB`,
  documentsHeading: 'Documents to bring',
  originals: (count) => (count === 1 ? '1 original' : `${count} originals`),
  copies: (count) => (count === 1 ? '1 copy' : `${count} copies`),
  feesHeading: 'Fees',
  money: (amount) => `${new Intl.NumberFormat('en').format(amount)} dong`,
  feeToBeTold: 'set locally; the officer will tell you the amount when you hand in the application',
  feeTotal: (amount, complete) =>
    complete
      ? `Total: ${amount}`
      : `Total of the amounts known: ${amount}; the officer will tell you the rest`,
  submitPrompt: 'Send your application? (y = send, step number = change that step)',
  submitWords: ['y', 'yes'],
  submitHelp: (count) => `Enter y to send, or a number from 1 to ${count} to change that step.`,
  sending:
    'Sending your application. This example sends nothing anywhere; this is what a server would receive:',
  submitted: (code) => `Your application has been sent. Your reference number is ${code}.`,
  keepCode: 'Keep this reference number to check on your application.',
  processingTime: (time) => `Processing time: ${time}`,
  sameDay: 'same day',
  workingDays: (count) => (count === 1 ? '1 working day' : `${count} working days`),
  inputEnded: 'The input ended before the application was finished, so nothing was sent.',
  interrupted: 'Stopped. Nothing was sent.',
  cannotLoad: 'Could not load the procedure definition:',
};

const UI: Record<Locale, typeof vi> = { vi, en };

const PROCEDURE_URL = new URL(
  '../../procedures/birth-registration.procedure.json',
  import.meta.url,
);

/** What the pretend server answers: a dossier code as one-stop shops print them. */
interface Receipt {
  dossierCode: string;
}

type Outcome = 'done' | 'back';

/** One person's way through the procedure, asked over a terminal. */
class Journey {
  readonly #session: Session;
  readonly #procedure: Procedure;
  readonly #reader: LineReader;
  readonly #output: NodeJS.WritableStream;
  readonly #locale: Locale;
  readonly #text: typeof vi;
  readonly #places: Places;

  constructor(
    session: Session,
    reader: LineReader,
    output: NodeJS.WritableStream,
    locale: Locale,
    places: Places,
  ) {
    this.#session = session;
    this.#places = places;
    this.#procedure = session.procedure;
    this.#reader = reader;
    this.#output = output;
    this.#locale = locale;
    this.#text = UI[locale];
  }

  /** Runs until the dossier is sent; throws {@link InputEndedError} when input runs out. */
  async run(): Promise<void> {
    this.#introduce();
    for (;;) {
      const { status } = this.#session.snapshot;
      if (status === 'submitted') return this.#confirm();
      if (status === 'filling') await this.#fillStep();
      else await this.#review();
    }
  }

  #say(line = ''): void {
    this.#output.write(`${line}\n`);
  }

  #localize(text: Parameters<typeof localize>[0]): string {
    return localize(text, this.#locale);
  }

  #introduce(): void {
    const { definition } = this.#procedure;
    this.#say(this.#localize(definition.title).toUpperCase());
    if (definition.agency) {
      this.#say(`${this.#text.agency}: ${this.#localize(definition.agency.name)}`);
    }
    if (definition.description) this.#say(this.#localize(definition.description));
    this.#say();
    this.#say(this.#text.howTo);
  }

  /**
   * Asks the step on screen, then Continue. When Continue reports errors, asks only the
   * answers in error, and again until the step passes or the person goes back.
   */
  async #fillStep(): Promise<void> {
    const snapshot = this.#session.snapshot;
    const step = snapshot.step;
    if (!step) throw new Error('engine-cli: the session is filling but shows no step');
    this.#say();
    this.#say(
      this.#text.step(snapshot.stepIndex + 1, snapshot.stepCount, this.#localize(step.title)),
    );
    if (step.description) this.#say(this.#localize(step.description));
    // A submission that failed validation lands here with its errors already shown.
    if (snapshot.errors.length > 0) this.#sayErrors(snapshot.errors);

    let stepId = step.id;
    let wanted: (field: FieldDefinition) => boolean = () => true;
    for (;;) {
      if ((await this.#askFields(stepId, wanted)) === 'back') {
        this.#session.back();
        return;
      }
      const { errors } = this.#session.next();
      if (errors.length === 0) return;
      this.#sayErrors(errors);
      let inError = errors.filter((error) => this.#stepOf(error)?.id === stepId);
      if (inError.length === 0) {
        // A rule checked on this step can name an answer given on an earlier one (the child's
        // ethnic group must be a parent's, and the parents come later). Edit that step; the
        // engine brings the person back here after it.
        const earlier = this.#stepOf(errors[0]!);
        if (!earlier) return;
        this.#say(this.#text.answerElsewhere(this.#localize(earlier.title)));
        this.#session.edit(earlier.id);
        stepId = earlier.id;
        inError = errors.filter((error) => this.#stepOf(error)?.id === stepId);
      }
      const ids = new Set(inError.map((error) => topLevel(error.field)));
      wanted = (field) => ids.has(field.id);
    }
  }

  #stepOf(error: ValidationError): StepDefinition | undefined {
    return this.#procedure.stepOf(topLevel(error.field));
  }

  /**
   * Asks the visible fields of a step that `wanted` picks, in order. Visibility is asked again
   * after every answer: a field can appear once an earlier one is answered ("How many
   * copies?" after "Yes"), and such a field is always asked.
   */
  async #askFields(stepId: string, wanted: (field: FieldDefinition) => boolean): Promise<Outcome> {
    const visible = () => this.#procedure.visibleFields(stepId, this.#session.snapshot.answers);
    const shownBefore = new Set(visible().map((field) => field.id));
    const asked = new Set<string>();
    for (;;) {
      const field = visible().find(
        (candidate) =>
          !asked.has(candidate.id) && (wanted(candidate) || !shownBefore.has(candidate.id)),
      );
      if (!field) return 'done';
      asked.add(field.id);
      if ((await this.#askField(field)) === 'back') return 'back';
    }
  }

  async #askField(field: FieldDefinition): Promise<Outcome> {
    const text = this.#text;
    const optional = field.required !== true && field.requiredWhen === undefined;
    this.#say();
    this.#say(`${this.#localize(field.label)}${optional ? ` ${text.optional}` : ''}`);
    if (field.hint) this.#say(`  ${this.#localize(field.hint)}`);
    if (field.example) this.#say(`  ${text.example(this.#localize(field.example))}`);
    field.options?.forEach((option, index) => {
      const hint = option.hint ? ` (${this.#localize(option.hint)})` : '';
      this.#say(`  ${index + 1}. ${this.#localize(option.label)}${hint}`);
    });
    const instruction = this.#instruction(field);
    if (instruction) this.#say(`  ${instruction}`);
    const current = this.#session.snapshot.answers[field.id];
    if (!isEmpty(current)) this.#say(`  ${text.current(this.#display(field, current))}`);
    if (field.type === 'address') return this.#askAddress(field);

    for (;;) {
      const line = (await this.#reader.ask('> ')).trim();
      if (line === '<') {
        if (this.#session.snapshot.canGoBack) return 'back';
        this.#say(`  ${text.firstStep}`);
        continue;
      }
      // Enter keeps the answer there is, or leaves the question unanswered: skipped when it
      // is optional, reported by the engine at Continue when it is not.
      if (line === '') return 'done';
      const read = await readAnswer(field, line, {
        yes: text.yesWords,
        no: text.noWords,
        cwd: invocationDirectory(),
      });
      if ('problem' in read) {
        this.#say(`  ${this.#problem(read.problem)}`);
        continue;
      }
      const { errors } = this.#session.set(field.id, read.value);
      // An error already shown is checked again as it is corrected, so say at once if the
      // new answer is still wrong.
      const still = errors.find((error) => topLevel(error.field) === field.id);
      if (!still) return 'done';
      this.#say(`  ${still.message}`);
    }
  }

  /**
   * An address as two choices and a line: the province, then its commune, each found by typing
   * part of its name and picked from a numbered list; then the house number and street, unless
   * the field asks none (a home town). Enter at the province keeps the answer there is (or
   * leaves it unanswered); < there goes back a step, and at the commune, back to the province.
   */
  async #askAddress(field: FieldDefinition): Promise<Outcome> {
    const text = this.#text;
    for (;;) {
      this.#say(`  ${text.province}`);
      const province = await this.#pickPlace(await this.#places.provinces());
      if (province === '<') {
        if (this.#session.snapshot.canGoBack) return 'back';
        this.#say(`  ${text.firstStep}`);
        continue;
      }
      if (province === '') return 'done';
      this.#say(`  ${text.commune}`);
      const communes = await this.#places.communes(province.code);
      const commune = await this.#pickPlace(communes, province.code);
      if (commune === '<') continue;
      const value: AddressAnswer = {
        province: province.code,
        commune: commune ? commune.code : '',
      };
      if (field.detail !== false) {
        this.#say(`  ${text.detail}`);
        value.detail = (await this.#reader.ask('> ')).trim();
      }
      const { errors } = this.#session.set(field.id, value);
      const still = errors.find((error) => topLevel(error.field) === field.id);
      if (!still) return 'done';
      this.#say(`  ${still.message}`);
    }
  }

  /**
   * Finds a province or commune by what is typed: one match is taken at once, several are
   * listed by number to pick from; among a province's communes (`provinceCode`), an old name
   * lists the units it is part of now. Returns `'<'` or `''` when that is what was typed.
   */
  async #pickPlace<T extends PlaceMatch['unit']>(
    units: readonly T[],
    provinceCode?: string,
  ): Promise<T | '<' | ''> {
    const text = this.#text;
    let listed: readonly PlaceMatch[] = [];
    for (;;) {
      const line = (await this.#reader.ask('> ')).trim();
      if (line === '<' || line === '') return line;
      if (/^\d+$/.test(line) && listed.length > 0) {
        const picked = listed[Number(line) - 1];
        if (picked) {
          this.#say(`  ${text.chosen(this.#placeLabel(picked))}`);
          return picked.unit as T;
        }
        this.#say(`  ${text.problem.choice(listed.length)}`);
        continue;
      }
      const found = await this.#places.search(units, line, provinceCode);
      if (found.length === 0) {
        this.#say(`  ${text.placeNotFound(line)}`);
        listed = [];
        continue;
      }
      // An old name leads to a new unit with another name: the person confirms it.
      if (found.length === 1 && !found[0]!.formerly) {
        this.#say(`  ${text.chosen(this.#placeLabel(found[0]!))}`);
        return found[0]!.unit as T;
      }
      listed = found.slice(0, 9);
      if (listed[0]!.formerly) this.#say(`  ${text.formerlyIntro}`);
      listed.forEach((match, index) => this.#say(`  ${index + 1}. ${this.#placeLabel(match)}`));
      this.#say(`  ${text.pickPlace}`);
    }
  }

  #placeLabel(match: PlaceMatch): string {
    const level = 'provinceCode' in match.unit ? 'commune' : 'province';
    const name = this.#places.name(level, match.unit.code);
    return match.formerly ? this.#text.formerly(name, match.formerly) : name;
  }

  #instruction(field: FieldDefinition): string | undefined {
    switch (field.type) {
      case 'select':
      case 'radio':
        return this.#text.pickOne;
      case 'checkboxes':
        return this.#text.pickMany;
      case 'checkbox':
        return this.#text.yesNo;
      case 'date':
        return this.#text.dateFormat;
      case 'file':
        return this.#text.filePath;
      default:
        return undefined;
    }
  }

  #problem(problem: InputProblem): string {
    const messages = this.#text.problem;
    switch (problem.code) {
      case 'choice':
        return messages.choice(problem.count);
      case 'choices':
        return messages.choices(problem.count);
      case 'yesNo':
        return messages.yesNo;
      case 'fileNotFound':
        return messages.fileNotFound(problem.path);
      case 'unsupported':
        return messages.unsupported(problem.type);
    }
  }

  #sayErrors(errors: readonly ValidationError[]): void {
    this.#say();
    this.#say(this.#text.errorsHeading);
    for (const error of errors) this.#say(`  • ${error.message}`);
  }

  /** Shows the answers, documents and fees, then sends, changes a step, or goes back. */
  async #review(): Promise<void> {
    const snapshot = this.#session.snapshot;
    const text = this.#text;
    const steps = this.#procedure.applicableSteps(snapshot.answers);
    // The snapshot keeps answers as typed (a date as its parts); validate() gives them as they
    // will be sent (ISO dates, numbers parsed, text trimmed), which is what review must show.
    const { answers, errors } = this.#procedure.validate(snapshot.answers, {
      locale: this.#locale,
    });
    // Addresses are shown by their places' names: load the lists they were chosen from.
    await this.#places.provinces();
    for (const value of Object.values(answers)) {
      const province = isAddress(value) ? value.province : undefined;
      if (province) await this.#places.communes(province).catch(() => undefined);
    }

    this.#say();
    this.#say(text.reviewHeading.toUpperCase());
    steps.forEach((step, index) => {
      this.#say();
      this.#say(text.reviewStep(index + 1, this.#localize(step.title)));
      for (const field of this.#procedure.visibleFields(step.id, snapshot.answers)) {
        const value = answers[field.id];
        this.#say(`  ${this.#localize(field.label)}`);
        this.#say(`    ${isEmpty(value) ? text.notProvided : this.#display(field, value)}`);
      }
    });
    this.#sayDocuments(this.#procedure.documents(snapshot.answers));
    this.#sayFees(this.#procedure.fees(snapshot.answers));
    // Back from a step changed from review returns here even when that step is unfinished;
    // sending would then go to the first step in error, so say so before asking.
    if (errors.length > 0) this.#sayErrors(errors);
    if (snapshot.submitError) {
      this.#say();
      this.#say(snapshot.submitError.message);
    }

    this.#say();
    this.#say(text.submitPrompt);
    for (;;) {
      const line = (await this.#reader.ask('> ')).trim().toLocaleLowerCase('vi');
      if (line === '<') {
        this.#session.back();
        return;
      }
      if (text.submitWords.includes(line)) {
        await this.#session.submit(this.#send);
        return;
      }
      const step = /^\d+$/.test(line) ? steps[Number(line) - 1] : undefined;
      if (step) {
        this.#session.edit(step.id);
        return;
      }
      this.#say(`  ${text.submitHelp(steps.length)}`);
    }
  }

  #sayDocuments(documents: readonly DocumentDefinition[]): void {
    if (documents.length === 0) return;
    this.#say();
    this.#say(this.#text.documentsHeading);
    for (const document of documents) {
      const counts = [
        document.originals ? this.#text.originals(document.originals) : undefined,
        document.copies ? this.#text.copies(document.copies) : undefined,
      ].filter(Boolean);
      const suffix = counts.length > 0 ? ` (${counts.join(', ')})` : '';
      this.#say(`  • ${this.#localize(document.title)}${suffix}`);
      if (document.description) this.#say(`    ${this.#localize(document.description)}`);
    }
  }

  /** The fees of an online dossier, as `procedure.fees` counts them, then their total. */
  #sayFees(fees: Fees): void {
    if (fees.lines.length === 0) return;
    const { money } = this.#text;
    this.#say();
    this.#say(this.#text.feesHeading);
    for (const line of fees.lines) {
      const amount =
        line.amount === undefined
          ? this.#text.feeToBeTold
          : line.quantity > 1
            ? `${line.quantity} × ${money(line.unitAmount ?? 0)} = ${money(line.amount)}`
            : money(line.amount);
      this.#say(`  • ${this.#localize(line.label)}: ${amount}`);
      if (line.note) this.#say(`    ${this.#localize(line.note)}`);
    }
    this.#say(`  ${this.#text.feeTotal(money(fees.total), fees.complete)}`);
  }

  /** Stands in for the one-stop shop's server: shows what it would receive, returns a code. */
  readonly #send: SendDossier = async (answers: Answers) => {
    this.#say();
    this.#say(this.#text.sending);
    this.#say(JSON.stringify(answers, null, 2));
    const today = todayIn(systemClock, this.#procedure.definition.timeZone ?? 'Asia/Ho_Chi_Minh');
    const number = String(randomInt(10_000)).padStart(4, '0');
    const receipt: Receipt = { dossierCode: `HS-${today.replaceAll('-', '')}-${number}` };
    return receipt;
  };

  #confirm(): void {
    const text = this.#text;
    const { receipt } = this.#session.snapshot;
    const { processingTime } = this.#procedure.definition;
    this.#say();
    this.#say(text.submitted(isReceipt(receipt) ? receipt.dossierCode : '?'));
    if (processingTime) {
      const days = processingTime.workingDays;
      this.#say(text.processingTime(days === 0 ? text.sameDay : text.workingDays(days)));
      if (processingTime.note) this.#say(this.#localize(processingTime.note));
    }
    this.#say(text.keepCode);
  }

  /** An answer as a person reads it: options by label, dates dd/mm/yyyy, files by name. */
  #display(field: FieldDefinition, value: AnswerValue): string {
    const text = this.#text;
    if (typeof value === 'boolean') return value ? text.yes : text.no;
    if (typeof value === 'string') {
      if (field.type === 'date') return formatDate(value);
      const option = field.options?.find((candidate) => candidate.value === value);
      return option ? this.#localize(option.label) : value;
    }
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) {
      return value.map((item: AnswerValue) => this.#display(field, item)).join(', ');
    }
    if (field.type === 'address' && isAddress(value)) {
      const { province = '', commune = '', detail = '' } = value;
      return [
        detail.trim(),
        commune && this.#places.name('commune', commune),
        province && this.#places.name('province', province),
      ]
        .filter(Boolean)
        .join(', ');
    }
    if (value && typeof value === 'object') {
      // A date still in the parts typed, some perhaps missing.
      if ('day' in value) {
        return [value.day, value.month, value.year].filter((part) => part !== '').join('/');
      }
      if ('name' in value) {
        const kilobytes = new Intl.NumberFormat(this.#locale, { maximumFractionDigits: 1 });
        return `${value.name} (${text.fileSize(kilobytes.format(value.size / 1024))})`;
      }
    }
    return String(value);
  }
}

function isAddress(value: unknown): value is AddressAnswer {
  return typeof value === 'object' && value !== null && 'province' in value;
}

function isReceipt(value: unknown): value is Receipt {
  return typeof value === 'object' && value !== null && 'dossierCode' in value;
}

/** An error's field is a field id, or a path into a group's rows (`members.0.fullName`). */
function topLevel(path: string): string {
  return path.split('.', 1)[0] ?? path;
}

/**
 * Where the person typed the command: `npm start` runs this from the example's folder, but a
 * file path they type is relative to where they are. npm passes that folder as INIT_CWD.
 */
function invocationDirectory(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

interface Arguments {
  locale: Locale;
  help: boolean;
}

function parseArguments(argv: readonly string[]): Arguments | { error: string } {
  const parsed: Arguments = { locale: 'vi', help: false };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    const value = argument === '--lang' ? argv[++i] : /^--lang=(.*)$/.exec(argument)?.[1];
    if (argument === '--help' || argument === '-h') parsed.help = true;
    else if (argument === '--en') parsed.locale = 'en';
    else if (argument === '--vi') parsed.locale = 'vi';
    else if (value === 'en' || value === 'vi') parsed.locale = value;
    else return { error: UI[parsed.locale].unknownArgument(value ?? argument) };
  }
  return parsed;
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArguments(argv);
  if ('error' in parsed) {
    process.stderr.write(`${parsed.error}\n\n${vi.usage}\n\n${en.usage}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${UI[parsed.locale].usage}\n`);
    return 0;
  }
  const { locale } = parsed;
  const text = UI[locale];

  let procedure: Procedure;
  try {
    const json: unknown = JSON.parse(await readFile(PROCEDURE_URL, 'utf8'));
    procedure = loadProcedure(json, { source: fileURLToPath(PROCEDURE_URL), packs: [vn] });
  } catch (error) {
    if (!(error instanceof DefinitionError || error instanceof SyntaxError)) throw error;
    process.stderr.write(`${text.cannotLoad}\n${error.message}\n`);
    return 1;
  }

  const session = createSession(procedure, { locale });
  const reader = createLineReader(process.stdin, process.stdout);
  try {
    await new Journey(session, reader, process.stdout, locale, new Places()).run();
    return 0;
  } catch (error) {
    if (!(error instanceof InputEndedError)) throw error;
    process.stderr.write(`${error.interrupted ? text.interrupted : text.inputEnded}\n`);
    return error.interrupted ? 130 : 1;
  } finally {
    reader.close();
    session.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
