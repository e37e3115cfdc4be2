import type { WalletCatalog } from './en.wallet.js';

/** 写给第一次用钱包的人看：句子短，不用行话，先说钱在哪里，再说下一步怎么做。 */
export const zhCNWallet: WalletCatalog = {
  kinds: { top_up: '充值', withdrawal: '提现', transfer: '转账', payment: '付款', refund: '退款' },
  channels: {
    balance: '钱包余额',
    bank_card: '银行卡',
    bank_transfer: '银行转账',
    unionpay: '银联',
    overseas_card: '境外银行卡',
  },
  someone: '对方',
  noReason: '未记录原因',
  causes: {
    INSUFFICIENT_BALANCE: {
      text: '您在{time}的一笔{amount}{kind}没有成功，原因是钱包余额不够。钱没有被扣。',
      steps: ['请先给钱包充值，或者改用银行卡支付。', '然后再试一次。'],
    },
    SINGLE_LIMIT_EXCEEDED: {
      text: '您在{time}的一笔{amount}{kind}被拦下了，因为它超过了您单笔的限额（{single}）。钱没有被扣。',
      steps: ['可以分成几笔小一点的金额，或者', '在 App 里完成实名认证（我的 > 安全中心 > 身份认证）来提高限额。'],
    },
    DAILY_LIMIT_EXCEEDED: {
      text: '您在{time}的一笔{amount}{kind}被拦下了，因为加上当天已经用掉的金额，超过了每日限额（{daily}）。钱没有被扣。',
      steps: ['每日限额在北京时间零点重新计算。', '想提高限额，可以在 App 里完成实名认证。'],
    },
    ACCOUNT_FROZEN: {
      text: '您在{time}的一笔{amount}{kind}被拦下了，因为当时您的账户处于冻结状态。钱没有被扣。',
      steps: ['人工客服可以帮您查清冻结原因，并告诉您怎样解除。'],
    },
    RISK_REVIEW: {
      text: '您在{time}的一笔{amount}{kind}被我们的安全检查拦下了，这是为了防止您被骗。钱已经退回您的钱包。',
      steps: ['人工客服可以和您一起核实这笔交易。', '如果是别人让您转这笔钱，请马上停下：这很可能是诈骗。'],
    },
    WRONG_PAYMENT_PASSWORD: {
      text: '您在{time}的一笔{amount}{kind}没有成功，原因是支付密码输错了。钱没有被扣。',
      steps: ['请慢慢再输一次。', '忘记支付密码？在 App 里重置：我的 > 安全中心 > 支付密码 > 忘记密码。我们绝不会向您索要支付密码。'],
    },
    CHANNEL_TIMEOUT: {
      text: '您在{time}的一笔{amount}{kind}没有成功，原因是银行没有及时响应。钱没有被扣；如果银行显示扣款，会在 1 到 3 个工作日内自动退回。',
      steps: ['过几分钟再试，或者换一张银行卡。'],
    },
    CHANNEL_MAINTENANCE: {
      text: '您在{time}的一笔{amount}{kind}没有成功，因为当时{channel}正在维护。钱没有被扣。',
      steps: ['请稍后再试，或者改用钱包余额、其他银行卡。'],
    },
    MERCHANT_NOT_SUPPORTED: {
      text: '您在{time}的一笔{amount}{kind}没有成功，因为{counterparty}不支持这种付款方式。钱没有被扣。',
      steps: ['请换一种付款方式，或者问问商家支持哪些付款方式。'],
    },
    RECIPIENT_ACCOUNT_INVALID: {
      text: '您在{time}的一笔{amount}{kind}没能转给{counterparty}：对方账户不存在、已注销或者不能收款。钱还在您的钱包里。',
      steps: ['请和对方核对手机号或账户，然后再试。'],
    },
    NETWORK_ERROR: {
      text: '您在{time}的一笔{amount}{kind}没有成功，原因是网络出了问题。钱没有被扣。',
      steps: ['请检查手机网络，然后再试一次。'],
    },
    UNKNOWN_FAILURE: {
      text: '您在{time}的一笔{amount}{kind}没有成功，系统没有记录具体原因。',
      steps: ['人工客服会帮您查清楚。'],
    },
    PAYMENT_PROCESSING: {
      text: '您在{time}付给{counterparty}的{amount}，银行还在确认中，一般在{eta}之前完成。',
      steps: ['请耐心等一等，不要重复付款，以免付两次。'],
    },
    TOP_UP_PENDING: {
      text: '您在{time}从{channel}充值的{amount}正在到账途中，一般在{eta}之前到账。',
      steps: ['您不需要做任何操作，银行确认后余额会自动增加。', '请不要为同一笔钱重复充值。'],
    },
    TOP_UP_OVERDUE: {
      text: '您在{time}从{channel}充值的{amount}本应在{eta}之前到账，但现在还没有到。我们需要和银行一起查这笔钱。',
      steps: ['人工客服会帮您向银行查询。', '请保留银行的扣款记录（截图就可以）。'],
    },
    TOP_UP_REVERSED: {
      text: '您在{time}充值的{amount}被银行撤销了，钱已经原路退回。',
      steps: ['退回到银行账户可能需要 1 到 3 个工作日。', '如果之后还没看到，请联系我们。'],
    },
    TRANSFER_RISK_REVIEW: {
      text: '您在{time}转给{counterparty}的{amount}正在接受安全审核，大额转账都会这样检查。钱被安全地保管着，审核一般在{eta}之前完成。',
      steps: ['您不需要做任何操作。', '如果是不认识的人让您转这笔钱，请马上告诉我们：这可能是诈骗。'],
    },
    TRANSFER_PENDING: {
      text: '您在{time}转给{counterparty}的{amount}还在处理中，预计在{eta}之前完成。',
      steps: ['请耐心等待，不要重复转账。'],
    },
    TRANSACTION_REVERSED: {
      text: '您在{time}的一笔{amount}{kind}已被撤销，钱已经原路退回。',
      steps: ['如果您没有预料到这种情况，人工客服可以为您解释。'],
    },
    TRANSACTION_SUCCEEDED: {
      text: '您在{time}的一笔{amount}{kind}已经在{completed}成功完成。',
      steps: ['如果对方还没看到，请让对方稍后再查看一下。'],
    },
    REFUND_PENDING: {
      text: '{counterparty}退给您的{amount}正在退回{channel}的途中，大约还要{days}天，预计在{eta}之前到账。',
      steps: ['您不需要做任何操作。', '退回银行卡的钱会显示在银行卡账单里，不在钱包余额里。'],
    },
    REFUND_OVERDUE: {
      text: '{counterparty}退给您的{amount}本应在{eta}之前到账，但现在还没有到。我们会和银行核实。',
      steps: ['人工客服会为您跟进。'],
    },
    REFUND_SUCCEEDED: {
      text: '{counterparty}退给您的{amount}已经在{completed}退回{channel}。',
      steps: ['退回钱包的钱在余额里可以看到。', '退回银行卡的钱显示在银行卡账单里；如果找不到，可以问问您的银行。'],
    },
    REFUND_NOT_STARTED: {
      text: '我们找到了您在{time}付给{counterparty}的{amount}，但商家还没有为这笔付款发起退款。',
      steps: ['请先联系商家为这笔订单退款。', '如果商家拒绝或联系不上，人工客服可以帮您。'],
    },
    WITHDRAWAL_PENDING: {
      text: '您在{time}提现到{channel}的{amount}正在由银行处理，预计在{eta}之前到账。',
      steps: ['您不需要做任何操作。', '这笔钱已经从钱包余额转出，在银行确认前会被安全保管。'],
    },
    WITHDRAWAL_OVERDUE: {
      text: '您在{time}提现到{channel}的{amount}本应在{eta}之前到账，但银行还没有确认。',
      steps: ['人工客服会帮您向银行查询。'],
    },
    ACCOUNT_STATUS_FROZEN: {
      text: '您的账户从{since}起被冻结。原因：{reason}。冻结期间钱转不出去，但您的余额是安全的。',
      steps: ['人工客服会和您核实冻结情况，并告诉您需要做什么，通常是一次简单的身份核验。', '任何让您先交钱才能“解冻”的，一定是诈骗。'],
    },
    ACCOUNT_STATUS_LOCKED: {
      text: '为了您的安全，您的账户从{since}起被锁定。原因：{reason}。',
      steps: ['24 小时后会自动解锁；也可以在 App 里重置密码后立即解锁（我的 > 安全中心）。', '我们的工作人员不会为了解锁向您索要密码或验证码。'],
    },
    ACCOUNT_STATUS_CLOSED: {
      text: '这个账户已在{since}注销。',
      steps: ['如果需要取回里面的钱或查询记录，人工客服可以帮您。'],
    },
    ACCOUNT_STATUS_ACTIVE: {
      text: '您的账户状态正常，可以正常使用。',
      steps: ['如果还有哪里用不了，请告诉我们屏幕上显示了什么。'],
    },
    LIMIT_SINGLE: {
      text: '{amount}超过了您单笔付款或转账的限额。按您目前的认证等级（{kyc}级），单笔最多{single}。',
      steps: ['可以分成几笔小一点的金额（每日限额是{daily}）。', '也可以在 App 里完成实名认证来提高限额。'],
    },
    LIMIT_DAILY: {
      text: '{amount}没有超过单笔限额，但您今天的每日限额是{daily}，只剩下{remaining}了。',
      steps: ['每日限额在北京时间零点重新计算。', '也可以在 App 里完成实名认证来提高限额。'],
    },
    LIMIT_OK: {
      text: '{amount}在您的限额之内：单笔最多{single}，今天还剩{remaining}。',
      steps: ['如果还是被拒绝，请告诉我们屏幕上显示了什么。'],
    },
    LIMIT_INFO: {
      text: '您的限额是：单笔付款或转账最多{single}，每天最多{daily}。今天还剩{remaining}。',
      steps: ['认证等级越高限额越高，可以在 App 里完成实名认证来提高。'],
    },
    LOGIN_PASSWORD_RESET: {
      text: '您可以自己设置新的登录密码。我们从来不需要您的旧密码，任何工作人员都不会向您索要。',
      steps: [
        '打开 App，在登录页点“忘记密码”。',
        '输入发到您尾号{phoneTail}手机上的验证码。验证码只在 App 里输入，不要告诉任何人。',
        '如果那个手机号已经不用了，人工客服可以为您发起身份核验。',
      ],
    },
    PAYMENT_PIN_RESET: {
      text: '您可以自己设置新的支付密码。我们从来不需要您的旧支付密码，任何工作人员都不会向您索要。',
      steps: [
        '在 App 里进入：我的 > 安全中心 > 支付密码 > 忘记密码。',
        '核验身份后，输入发到您尾号{phoneTail}手机上的验证码。验证码只在 App 里输入，不要告诉任何人。',
        '如果那个手机号已经不用了，人工客服可以为您发起身份核验。',
      ],
    },
    NO_MATCHING_TRANSACTION: {
      text: '在您最近的记录里，我们没有找到和您描述相符的{kind}。',
      steps: ['请告诉我们金额、日期，如果有的话再提供交易单号。', '人工客服可以帮您进一步查找。'],
    },
  },
};
