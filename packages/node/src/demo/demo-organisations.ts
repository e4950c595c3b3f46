import type { OrganisationRegistration } from '../organisations/organisation-registration.js'

/**
 * The demo corridor's organisations, both jurisdictions. Names are fictional; identifiers are made up but pass
 * their check characters (USCC GB 32100-2015, UEN ROC, LEI ISO 17442).
 */
export const DEMO_ORGANISATIONS = {
  operator: {
    name: 'Chongqing Land-Sea Corridor Platform',
    nameZh: '重庆陆海新通道数字平台',
    country: 'CN',
    roles: ['NODE_OPERATOR'],
    identifiers: [{ scheme: 'USCC', value: '91500000MA61CQB56G' }],
  },
  carrier: {
    name: 'Chongqing ILSTC Multimodal Transport Co., Ltd.',
    nameZh: '重庆陆海新通道多式联运有限公司',
    country: 'CN',
    roles: ['CARRIER'],
    identifiers: [
      { scheme: 'USCC', value: '91500000MA5U7K3Q8Y' },
      { scheme: 'LEI', value: '3003008XQ2LS7P5RZK06' },
    ],
  },
  shipper: {
    name: 'Chongqing Cloudpeak Laptop Manufacturing Co., Ltd.',
    nameZh: '重庆云峰笔记本电脑制造有限公司',
    country: 'CN',
    roles: ['SHIPPER'],
    identifiers: [{ scheme: 'USCC', value: '91500105MA60LT2B1B' }],
    keyAlg: 'ES256',
  },
  cnBank: {
    name: 'Bank of Chongqing Trade Finance (demo)',
    nameZh: '重庆贸易金融银行（演示）',
    country: 'CN',
    roles: ['BANK'],
    identifiers: [
      { scheme: 'USCC', value: '91500103MA5YH8N24X' },
      { scheme: 'LEI', value: '549300CQLNDSGH6T2M58' },
    ],
  },
  broker: {
    name: 'Qinzhou Port Customs Brokerage Co., Ltd.',
    nameZh: '钦州港报关有限公司',
    country: 'CN',
    roles: ['CUSTOMS_BROKER'],
    identifiers: [{ scheme: 'USCC', value: '91450700MA5NQY9CXX' }],
  },
  consignee: {
    name: 'Lion City Electronics Pte. Ltd.',
    nameZh: '狮城电子私人有限公司',
    country: 'SG',
    roles: ['CONSIGNEE'],
    identifiers: [{ scheme: 'UEN', value: '201912345R' }],
  },
  sgBank: {
    name: 'Straits Trade Bank Ltd. (demo)',
    nameZh: '海峡贸易银行（演示）',
    country: 'SG',
    roles: ['BANK'],
    identifiers: [
      { scheme: 'UEN', value: '200312121K' },
      { scheme: 'LEI', value: '5493004ZBK2EJ1SPVU38' },
    ],
  },
} as const satisfies Record<string, OrganisationRegistration>

/** A demo organisation's handle, e.g. `carrier`. */
export type DemoRole = keyof typeof DEMO_ORGANISATIONS
