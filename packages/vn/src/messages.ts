import type { MessageCatalog } from '@motcua/core';

/**
 * The messages of the Vietnam pack's formats, by locale and code. Each says what to do, in plain
 * words; warnings also say that the citizen may go on when the value is right. `{label}` is the
 * field's label inside a sentence, `{Label}` as written; `{province}`, `{prefix}` and
 * `{suggestion}` (a name as meant, when typed in raw Telex or VNI) come from the format.
 */
export const messages: MessageCatalog = {
  vi: {
    'vn-personal-id': 'Nhập đủ 12 chữ số của {label}, in trên thẻ Căn cước',
    'vn-personal-id.cmnd':
      'Số bạn nhập có 9 chữ số, là số chứng minh nhân dân cũ. Hãy nhập số định danh cá nhân 12 chữ số, in trên thẻ Căn cước hoặc Căn cước công dân',
    'vn-personal-id.province':
      'Số định danh bắt đầu bằng mã tỉnh {province} mà hệ thống chưa biết. Hãy kiểm tra lại; nếu đúng như trên thẻ, bạn có thể tiếp tục.',
    'vn-phone':
      'Nhập {label} đúng định dạng: số di động có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09, ví dụ 0912 345 678; hoặc số cố định có mã vùng, ví dụ 024 3825 6686',
    'vn-phone.personal-id':
      'Số bạn nhập có 12 chữ số, giống số định danh cá nhân trên thẻ Căn cước, không phải số điện thoại. Nhập {label}: số di động có 10 chữ số, ví dụ 0912 345 678; hoặc số cố định có mã vùng, ví dụ 024 3825 6686',
    'vn-phone.unassigned':
      'Số điện thoại bắt đầu bằng {prefix}, đầu số này có thể chưa được nhà mạng nào dùng. Hãy kiểm tra lại; nếu số đúng, bạn có thể tiếp tục.',
    'vn-tax-code':
      'Nhập {label} gồm 10 chữ số, hoặc 13 chữ số nếu là mã số thuế của chi nhánh, ví dụ 0100233488-001',
    'vn-tax-code.check-digit':
      '{Label} không đúng, có thể đã gõ nhầm một chữ số. Hãy so lại từng số với giấy tờ thuế',
    'vn-tax-code-or-id':
      'Nhập {label}: mã số thuế gồm 10 hoặc 13 chữ số, hoặc số định danh cá nhân 12 chữ số',
    'vn-postal-code': 'Nhập {label} gồm 5 chữ số',
    'vn-person-name':
      "{Label} chỉ được có chữ cái, dấu cách, dấu nháy đơn (') và dấu gạch ngang (-)",
    'vn-person-name.typed':
      'Có phải bạn muốn viết “{suggestion}”? Bấm “Dùng tên này” để sửa, hoặc tự sửa lại cho đúng như trên giấy tờ.',
    'vn-person-name.no-diacritics':
      'Bạn đã viết tên không dấu. Nếu tên trên giấy tờ có dấu, hãy viết đúng như trên giấy tờ.',
    'vn-date-text': '{Label} phải là ngày có thật, viết theo dạng ngày/tháng/năm, ví dụ 27/03/2007',
  },
  en: {
    'vn-personal-id': 'Enter all 12 digits of {label}, as printed on the Citizen Identity card',
    'vn-personal-id.cmnd':
      'The number you entered has 9 digits: it is an old identity card (CMND) number. Enter the 12-digit personal ID number printed on the Citizen Identity (Căn cước) card',
    'vn-personal-id.province':
      'The personal ID starts with province code {province}, which the system does not know. Check it; if it is the same as on the card, you can continue.',
    'vn-phone':
      'Enter {label} in the correct format: a 10-digit mobile number starting with 03, 05, 07, 08 or 09, like 0912 345 678; or a landline with its area code, like 024 3825 6686',
    'vn-phone.personal-id':
      'The number you entered has 12 digits, like the personal ID on a citizen identity card, not a phone number. Enter {label}: a 10-digit mobile number, like 0912 345 678; or a landline with its area code, like 024 3825 6686',
    'vn-phone.unassigned':
      'The phone number starts with {prefix}, which may not be used by any network. Check it; if the number is right, you can continue.',
    'vn-tax-code': 'Enter {label} with 10 digits, or 13 digits for a branch, like 0100233488-001',
    'vn-tax-code.check-digit':
      '{Label} is not right: a digit may have been mistyped. Check each digit against your tax papers',
    'vn-tax-code-or-id':
      'Enter {label}: a tax code of 10 or 13 digits, or a 12-digit personal ID number',
    'vn-postal-code': 'Enter {label} with 5 digits',
    'vn-person-name': "{Label} must only include letters, spaces, apostrophes (') and hyphens (-)",
    'vn-person-name.typed':
      'Did you mean “{suggestion}”? Select “Use this name” to put it in, or correct the name yourself so it is exactly as on your papers.',
    'vn-person-name.no-diacritics':
      'You wrote the name without accents. If the name on your papers has accents, write it exactly as it is on the papers.',
    'vn-date-text': '{Label} must be a real date, written day/month/year, like 27/03/2007',
  },
};
