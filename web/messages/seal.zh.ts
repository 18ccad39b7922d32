/** The national electronic seal (SM2/SM3) in verdicts: Chinese. */
export const sealZh = {
  label: "电子印章（国密 SM2/SM3）",
  states: {
    absent: "无印章",
    malformed: "印章格式有误",
    invalid: "印章无效",
    valid: "印章有效",
  },
  keyInForce: "签发时登记的印章公钥 #{index}",
  noSealHint: "早期签发或未盖章的证照没有电子印章；完整性、状态与签发机关仍可核验。",
  validWith: "{department}签发时登记的印章公钥 #{index}，国密 SM2/SM3 签名有效。",
  banner: "电子印章无效：该文件不是签发部门盖章时的样子，或印章不是其签发时登记的公钥所盖。",
};
