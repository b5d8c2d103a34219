import type { DeviceId, Problem, Words } from './types';

/**
 * Every fault code a driver reports, in plain words for the technician in front of the cabinet, with what to do.
 * The raw code stays next to the words (a technician on the phone with the vendor needs it).
 */
type Entry = { readonly severity: 'warning' | 'fault'; readonly what: Words; readonly action: Words };

const LINK: Record<string, Entry> = {
  'device-gone': {
    severity: 'fault',
    what: { ko: '장치가 연결되어 있지 않습니다 (USB/케이블이 빠졌거나 전원이 꺼짐)', en: 'The device is not connected (USB or cable out, or no power)' },
    action: { ko: '케이블과 전원을 확인하세요. 다시 연결되면 저절로 복구됩니다.', en: 'Check the cable and the power; the kiosk reconnects by itself.' },
  },
  'not-responding': {
    severity: 'fault',
    what: { ko: '장치가 연결되어 있지만 응답하지 않습니다', en: 'The device is connected but does not answer' },
    action: { ko: '장치 전원을 껐다 켜고, 설정의 포트와 통신 방식(드라이버)을 확인하세요.', en: 'Power-cycle the device; check the port and driver in the configuration.' },
  },
  'cannot-open': {
    severity: 'fault',
    what: { ko: '포트를 열 수 없습니다 (경로가 틀렸거나 권한이 없음)', en: 'The port cannot be opened (wrong path or no permission)' },
    action: { ko: '설정의 port 경로와 udev 규칙(dialout 그룹)을 확인하세요.', en: 'Check `port` in the configuration and the udev rules (dialout group).' },
  },
  'port-busy': {
    severity: 'fault',
    what: { ko: '다른 프로그램(실행 중인 발급기)이 포트를 쓰고 있습니다', en: 'Another program (the running kiosk) holds the port' },
    action: { ko: '발급기가 실행 중이면 kiosk diag가 발급기에 물어봅니다. 직접 검사하려면 발급기를 멈추세요.', en: 'With the kiosk running, `kiosk diag` asks it instead; stop the kiosk to probe the port directly.' },
  },
};

const BY_DEVICE: Record<DeviceId, Record<string, Entry>> = {
  'bill-acceptor': {
    'stacker-full': {
      severity: 'fault',
      what: { ko: '현금함이 가득 찼습니다', en: 'The cash box is full' },
      action: { ko: '현금함을 비우고 서비스 모드에서 "현금함 회수"를 기록하세요.', en: 'Empty the cash box and record it in service mode ("remove cash box").' },
    },
    'stacker-open': {
      severity: 'fault',
      what: { ko: '현금함이 빠져 있습니다', en: 'The cash box is out' },
      action: { ko: '현금함을 끝까지 밀어 넣으세요. 장치가 다시 초기화됩니다.', en: 'Push the cash box fully in; the unit re-initialises.' },
    },
    'jam-in-acceptor': {
      severity: 'fault',
      what: { ko: '지폐가 인식부에 걸렸습니다', en: 'A note is stuck in the acceptor head' },
      action: { ko: '인식부를 열어 지폐를 빼세요. 그 지폐는 기록에 남은 거래의 것(이미 환불됨)입니다.', en: 'Open the head and remove the note; it belongs to the session in the log (already refunded).' },
    },
    'jam-in-stacker': {
      severity: 'fault',
      what: { ko: '지폐가 적재부(현금함 입구)에 걸렸습니다', en: 'A note is stuck in the stacker' },
      action: { ko: '현금함을 빼고 걸린 지폐를 제거하세요.', en: 'Take the cash box out and clear the note.' },
    },
    pause: {
      severity: 'warning',
      what: { ko: '지폐 투입구에 두 번째 지폐가 들어왔습니다 (일시 정지)', en: 'A second note was pushed in while one was moving (pause)' },
      action: { ko: '투입구의 지폐를 빼면 저절로 계속됩니다.', en: 'Remove the note from the slot; it resumes by itself.' },
    },
    cheated: {
      severity: 'fault',
      what: { ko: '지폐를 다시 끌어낸 흔적이 있습니다 (부정 사용)', en: 'A note was pulled back out (cheating)' },
      action: { ko: '투입구에 실이나 테이프가 있는지 확인하세요.', en: 'Check the slot for a string or tape.' },
    },
    failure: {
      severity: 'fault',
      what: { ko: '지폐 인식기 하드웨어 고장', en: 'Bill acceptor hardware failure' },
      action: { ko: '고장 코드를 확인해 장치를 수리하거나 교체하세요 (A2 적재 모터, A5/A6 반송, A7 정렬, AB 현금함, AC/AD 센서, AF 헤드, B0–B3 ROM).', en: 'Service the unit per the code (A2 stack motor, A5/A6 transport, A7 aligning, AB cash box, AC/AD sensors, AF head, B0–B3 ROM).' },
    },
    'no-note': {
      severity: 'fault',
      what: { ko: '시험 시간 안에 지폐가 들어오지 않았습니다', en: 'No note was inserted during the test' },
      action: { ko: '시험을 다시 하고 지폐를 넣으세요.', en: 'Run the test again and insert a note.' },
    },
    'not-returned': {
      severity: 'fault',
      what: { ko: '지폐를 읽었지만 되돌려 주지 못했습니다', en: 'The note was read but not given back' },
      action: { ko: '지폐가 어디 있는지 확인하세요 (인식부/현금함). 현금함에 들어갔다면 미배정 지폐로 기록됩니다.', en: 'Find the note (head or box); a note in the box is recorded as unattributed.' },
    },
    rejected: {
      severity: 'warning',
      what: { ko: '지폐를 인식하지 못해 되돌려 주었습니다', en: 'The note was not recognised and was given back' },
      action: { ko: '다른 지폐로 다시 해 보세요. 계속되면 인식부를 청소하세요.', en: 'Try another note; if it keeps happening, clean the head.' },
    },
  },
  'coin-hoppers': {
    empty: {
      severity: 'fault',
      what: { ko: '동전이 떨어졌습니다', en: 'The hopper is out of coins' },
      action: { ko: '동전을 채우고 서비스 모드에서 채운 개수를 기록하세요.', en: 'Refill it and record the coins in service mode.' },
    },
    jam: {
      severity: 'fault',
      what: { ko: '동전 방출부가 막혔습니다', en: 'The hopper disc is jammed' },
      action: { ko: '막힌 동전을 빼세요. 시험 신호가 정상이 되면 다시 사용됩니다.', en: 'Free the disc; the hopper is used again once its test flags clear.' },
    },
    'opto-fault': {
      severity: 'fault',
      what: { ko: '동전 감지 센서가 가려져 있거나 고장입니다', en: 'The coin exit sensor is blocked or faulty' },
      action: { ko: '출구 센서를 청소하고 걸린 동전을 빼세요.', en: 'Clean the exit sensor and remove any stuck coin.' },
    },
    'unsupported-encryption': {
      severity: 'fault',
      what: { ko: '암호화 방출만 받는 호퍼입니다 (지원하지 않음)', en: 'The hopper demands the encrypted dispense (not supported)' },
      action: { ko: '비암호화 모델로 교체하거나 공급업체에 설정 변경을 요청하세요.', en: 'Fit the non-encrypted variant or have the supplier reconfigure it.' },
    },
    'not-a-payout-device': {
      severity: 'fault',
      what: { ko: '이 주소의 장치는 동전 방출기가 아닙니다', en: 'The device at this address is not a payout hopper' },
      action: { ko: '호퍼의 ccTalk 주소와 설정을 확인하세요.', en: 'Check the hopper’s ccTalk address and the configuration.' },
    },
    'coins-low': {
      severity: 'warning',
      what: { ko: '동전이 얼마 남지 않았습니다 (하한 센서)', en: 'Few coins left (low-level sensor)' },
      action: { ko: '동전을 채우세요.', en: 'Refill the hopper.' },
    },
    'count-disagrees': {
      severity: 'warning',
      what: { ko: '장부의 동전 수와 하한 센서가 맞지 않습니다', en: 'The ledger’s coin count and the low-level sensor disagree' },
      action: { ko: '동전을 세어 서비스 모드에서 "동전 수 입력"으로 맞추세요.', en: 'Count the coins and enter the count in service mode.' },
    },
  },
  'receipt-printer': {
    'paper-out': {
      severity: 'fault',
      what: { ko: '영수증 용지가 떨어졌습니다', en: 'The receipt roll is empty' },
      action: { ko: '새 용지를 넣고 서비스 모드에서 용지 보충을 기록하세요.', en: 'Load a new roll and record the refill in service mode.' },
    },
    'paper-near-end': {
      severity: 'warning',
      what: { ko: '영수증 용지가 곧 떨어집니다', en: 'The receipt roll is near its end' },
      action: { ko: '다음 방문 때 새 용지를 넣으세요.', en: 'Bring a new roll on the next visit.' },
    },
    'cover-open': {
      severity: 'fault',
      what: { ko: '프린터 덮개가 열려 있습니다', en: 'The printer cover is open' },
      action: { ko: '덮개를 딸깍 소리가 나게 닫으세요.', en: 'Close the cover until it clicks.' },
    },
    'cutter-error': {
      severity: 'fault',
      what: { ko: '용지 절단기가 걸렸습니다', en: 'The auto-cutter is stuck' },
      action: { ko: '덮개를 열고 걸린 용지를 빼세요. 계속되면 프린터 전원을 껐다 켜세요.', en: 'Open the cover and clear the paper; power-cycle the printer if it persists.' },
    },
    'unrecoverable-error': {
      severity: 'fault',
      what: { ko: '프린터 기계 고장 (스스로 복구되지 않음)', en: 'Printer mechanism failure (does not clear by itself)' },
      action: { ko: '프린터 전원을 껐다 켜세요. 계속되면 수리하세요.', en: 'Power-cycle the printer; service it if it persists.' },
    },
    'auto-recoverable-error': {
      severity: 'warning',
      what: { ko: '프린터 헤드가 과열되었습니다 (잠시 후 복구)', en: 'The print head overheated (clears by itself)' },
      action: { ko: '잠시 기다리세요.', en: 'Wait a moment.' },
    },
    offline: {
      severity: 'fault',
      what: { ko: '프린터가 오프라인입니다', en: 'The printer is offline' },
      action: { ko: '프린터의 버튼과 덮개, 용지를 확인하세요.', en: 'Check the printer’s buttons, cover and paper.' },
    },
    disconnected: {
      severity: 'fault',
      what: { ko: '프린터와 연결되지 않았습니다', en: 'The printer is not connected' },
      action: { ko: '케이블, 전원, 설정의 port를 확인하세요.', en: 'Check the cable, the power and `port` in the configuration.' },
    },
    'no-response': {
      severity: 'fault',
      what: { ko: '프린터가 응답하지 않습니다', en: 'The printer does not answer' },
      action: { ko: '전원을 확인하고 통신 속도(baudRate)가 프린터 설정과 같은지 확인하세요.', en: 'Check the power and that `baudRate` matches the printer’s setting.' },
    },
  },
  'a4-printer': {
    'media-empty': {
      severity: 'fault',
      what: { ko: 'A4 용지(보안 용지)가 떨어졌습니다', en: 'The A4 tray (security paper) is empty' },
      action: { ko: '보안 용지를 넣고 서비스 모드에서 넣은 매수를 기록하세요.', en: 'Load security paper and record the sheets in service mode.' },
    },
    'media-low': {
      severity: 'warning',
      what: { ko: 'A4 용지가 얼마 남지 않았습니다', en: 'The A4 tray is running low' },
      action: { ko: '보안 용지를 보충하세요.', en: 'Refill the security paper.' },
    },
    'media-jam': {
      severity: 'fault',
      what: { ko: 'A4 프린터에 용지가 걸렸습니다', en: 'Paper jam in the A4 printer' },
      action: { ko: '걸린 용지를 빼세요. 인쇄되다 만 증명서는 폐기 대장에 기록하세요.', en: 'Clear the jam; record any half-printed certificate as spoiled.' },
    },
    'cover-open': {
      severity: 'fault',
      what: { ko: 'A4 프린터 덮개가 열려 있습니다', en: 'The A4 printer cover is open' },
      action: { ko: '덮개를 닫으세요.', en: 'Close the cover.' },
    },
    'door-open': {
      severity: 'fault',
      what: { ko: 'A4 프린터의 문이 열려 있습니다', en: 'A door of the A4 printer is open' },
      action: { ko: '문을 닫으세요.', en: 'Close the door.' },
    },
    'input-tray-missing': {
      severity: 'fault',
      what: { ko: '용지함이 빠져 있습니다', en: 'The paper tray is out' },
      action: { ko: '용지함을 끝까지 밀어 넣으세요.', en: 'Push the tray fully in.' },
    },
    'toner-empty': {
      severity: 'fault',
      what: { ko: '토너가 떨어졌습니다', en: 'The toner is empty' },
      action: { ko: '토너를 교체하세요.', en: 'Replace the toner.' },
    },
    'toner-low': {
      severity: 'warning',
      what: { ko: '토너가 얼마 남지 않았습니다', en: 'The toner is low' },
      action: { ko: '다음 방문 때 토너를 가져오세요.', en: 'Bring toner on the next visit.' },
    },
    'marker-supply-empty': {
      severity: 'fault',
      what: { ko: '잉크/토너 소모품이 떨어졌습니다', en: 'A marker supply is empty' },
      action: { ko: '소모품을 교체하세요.', en: 'Replace the supply.' },
    },
    'marker-supply-low': {
      severity: 'warning',
      what: { ko: '잉크/토너 소모품이 얼마 남지 않았습니다', en: 'A marker supply is low' },
      action: { ko: '다음 방문 때 소모품을 가져오세요.', en: 'Bring the supply on the next visit.' },
    },
    'marker-waste-almost-full': {
      severity: 'warning',
      what: { ko: '폐토너 통이 거의 찼습니다', en: 'The waste toner box is almost full' },
      action: { ko: '폐토너 통을 교체하세요.', en: 'Replace the waste box.' },
    },
    offline: {
      severity: 'fault',
      what: { ko: 'A4 프린터가 오프라인입니다', en: 'The A4 printer is offline' },
      action: { ko: '프린터 전원과 패널을 확인하세요.', en: 'Check the printer’s power and panel.' },
    },
    paused: {
      severity: 'fault',
      what: { ko: 'A4 프린터가 일시 정지 상태입니다', en: 'The A4 printer is paused' },
      action: { ko: '프린터 패널에서 인쇄를 재개하세요.', en: 'Resume it from the printer’s panel.' },
    },
    other: {
      severity: 'fault',
      what: { ko: 'A4 프린터가 오류를 보고했습니다', en: 'The A4 printer reports an error' },
      action: { ko: '프린터 패널의 메시지를 확인하세요.', en: 'Read the message on the printer’s panel.' },
    },
    unreachable: {
      severity: 'fault',
      what: { ko: 'A4 프린터에 연결할 수 없습니다', en: 'The A4 printer cannot be reached' },
      action: { ko: '프린터 전원과 네트워크(USB), 설정의 url을 확인하세요.', en: 'Check its power, network or USB, and `url` in the configuration.' },
    },
    refused: {
      severity: 'fault',
      what: { ko: 'A4 프린터가 인쇄 요청을 거절했습니다', en: 'The A4 printer refused the job' },
      action: { ko: '프린터가 IPP와 PDF를 지원하는지 확인하세요.', en: 'Check that the printer takes IPP and PDF.' },
    },
    malformed: {
      severity: 'fault',
      what: { ko: 'A4 프린터의 응답을 이해할 수 없습니다', en: 'The A4 printer’s answer could not be read' },
      action: { ko: '설정의 url이 프린터의 IPP 주소인지 확인하세요.', en: 'Check that `url` is the printer’s IPP address.' },
    },
    'job-not-completed': {
      severity: 'fault',
      what: { ko: '시험 페이지가 끝까지 인쇄되지 않았습니다', en: 'The test page did not complete' },
      action: { ko: '프린터의 상태 메시지를 확인하세요.', en: 'Read the printer’s state reasons.' },
    },
    'paper-low-count': {
      severity: 'warning',
      what: { ko: '보안 용지 매수가 적습니다 (장부 기준)', en: 'Few sheets of security paper left (by the count)' },
      action: { ko: '보안 용지를 보충하세요.', en: 'Refill the security paper.' },
    },
  },
  fingerprint: {
    'not-found': {
      severity: 'fault',
      what: { ko: '지문 인식기를 찾을 수 없습니다', en: 'The fingerprint reader cannot be found' },
      action: { ko: 'USB 연결과 설정(port 또는 vendorId/productId)을 확인하세요.', en: 'Check the USB connection and `port` or `vendorId`/`productId`.' },
    },
    unplugged: {
      severity: 'fault',
      what: { ko: '지문 인식기가 빠졌습니다', en: 'The fingerprint reader was unplugged' },
      action: { ko: '다시 연결하세요. 저절로 다시 연결됩니다.', en: 'Plug it back in; the kiosk reconnects by itself.' },
    },
    'not-responding': {
      severity: 'fault',
      what: { ko: '지문 인식기가 응답하지 않습니다', en: 'The fingerprint reader does not answer' },
      action: { ko: '인식기 전원을 껐다 켜고 통신 속도(baudRate)를 확인하세요.', en: 'Power-cycle it and check `baudRate`.' },
    },
    'wrong-password': {
      severity: 'fault',
      what: { ko: '지문 인식기의 비밀번호가 설정과 다릅니다', en: 'The reader’s module password differs from the configuration' },
      action: { ko: '설정의 password를 인식기에 설정된 값으로 맞추세요.', en: 'Set `password` to the module’s password.' },
    },
    protocol: {
      severity: 'fault',
      what: { ko: '지문 인식기가 예상하지 못한 응답을 했습니다', en: 'The reader gave an unexpected answer' },
      action: { ko: '인식기 모델이 R30x 프로토콜을 쓰는지 확인하세요.', en: 'Check that the module speaks the R30x protocol.' },
    },
    'no-finger': {
      severity: 'fault',
      what: { ko: '시험 시간 안에 손가락이 올라오지 않았습니다', en: 'No finger was placed during the test' },
      action: { ko: '시험을 다시 하고 손가락을 올리세요.', en: 'Run the test again and place a finger.' },
    },
    'poor-image': {
      severity: 'fault',
      what: { ko: '지문 영상 품질이 나쁩니다 (여러 번 시도해도 특징점을 얻지 못함)', en: 'Poor fingerprint images (no usable features after several tries)' },
      action: { ko: '센서 유리를 부드러운 천으로 닦고 다시 시험하세요.', en: 'Wipe the sensor glass with a soft cloth and test again.' },
    },
  },
  keypad: {
    disconnected: {
      severity: 'fault',
      what: { ko: '점자 키패드가 연결되어 있지 않습니다', en: 'The tactile keypad is not connected' },
      action: { ko: 'USB 연결을 확인하세요. 저절로 다시 연결됩니다.', en: 'Check the USB connection; it reconnects by itself.' },
    },
    'keys-missing': {
      severity: 'fault',
      what: { ko: '눌렀을 때 신호가 오지 않은 키가 있습니다', en: 'Some keys gave no signal when pressed' },
      action: { ko: '해당 키를 다시 눌러 보고, 계속되면 키패드를 교체하거나 설정의 keyMap을 확인하세요.', en: 'Press them again; replace the keypad or check `keyMap` if they stay silent.' },
    },
  },
};

export function explain(device: DeviceId, code: string, raw: string | null = null): Problem {
  const entry = BY_DEVICE[device][code] ?? LINK[code];
  if (!entry) {
    return {
      code,
      severity: 'fault',
      what: { ko: `알 수 없는 오류 (${code})`, en: `Unknown fault (${code})` },
      action: { ko: '원시 코드를 기록해 공급업체에 문의하세요.', en: 'Note the raw code and ask the vendor.' },
      raw,
    };
  }
  return { code, severity: entry.severity, what: entry.what, action: entry.action, raw };
}

/** Every code explained (tests check that each driver fault code has words). */
export function explainedCodes(device: DeviceId): string[] {
  return [...Object.keys(BY_DEVICE[device]), ...Object.keys(LINK)];
}
