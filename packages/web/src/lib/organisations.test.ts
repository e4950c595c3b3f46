import { describe, expect, it } from 'vitest'
import { displayName, readOrganisation, readOrganisations } from './organisations.js'

describe('organisations', () => {
  it('reads the items of GET /api/organisations and skips entries without an id', () => {
    const list = readOrganisations({
      items: [
        {
          id: 'o1',
          name: 'Chongqing Land-Sea Multimodal Co., Ltd.',
          nameZh: '重庆陆海多式联运有限公司',
          country: 'CN',
          roles: ['CARRIER', 7],
        },
        { name: 'no id' },
        'junk',
      ],
    })
    expect(list).toEqual([
      {
        id: 'o1',
        name: 'Chongqing Land-Sea Multimodal Co., Ltd.',
        nameZh: '重庆陆海多式联运有限公司',
        country: 'CN',
        roles: ['CARRIER'],
      },
    ])
    expect(readOrganisations(null)).toEqual([])
    expect(readOrganisations([{ id: 'x' }])).toEqual([
      { id: 'x', name: 'x', nameZh: undefined, country: undefined, roles: [] },
    ])
  })

  it('names an organisation in Chinese when it has a Chinese name', () => {
    const org = readOrganisation({
      id: 'o2',
      name: 'Lion City Electronics Pte. Ltd.',
      nameZh: null,
    })!
    expect(displayName(org, 'zh')).toBe('Lion City Electronics Pte. Ltd.')
    expect(displayName({ name: 'Bank', nameZh: '银行' }, 'zh')).toBe('银行')
    expect(displayName({ name: 'Bank', nameZh: '银行' }, 'en')).toBe('Bank')
  })
})
