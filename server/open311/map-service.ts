/**
 * Work-order categories as Open311 services: a public category is a service (its code is the
 * service_code) and its template fields are the service definition's attributes.
 */
import { suggestDepartment } from '../work-orders/dispatch-catalogue.js'
import type { Category, CustomField, WorkOrdersConfig } from '../work-orders/work-order-config.js'
import { localize } from './localize.js'
import type { SparkValue } from './spark-document.js'

export type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'

export interface AttributeDefinition {
  code: string
  datatype: Datatype
  required: boolean
  description: string
  datatype_description: string | null
  /** 1-based, unique within the service. */
  order: number
  values: { key: string; name: string }[]
  /** What the case stores: a number for number fields, true/false for yes/no fields, text otherwise. */
  stores: 'text' | 'number' | 'boolean' | 'list'
}

const DATATYPES: Record<CustomField['type'], Datatype> = {
  text: 'text',
  number: 'number',
  date: 'datetime',
  select: 'singlevaluelist',
  boolean: 'singlevaluelist',
}

const YES_NO: Record<string, [string, string]> = { en: ['Yes', 'No'], 'zh-CN': ['是', '否'] }

export function attributeDefinitions(category: Pick<Category, 'fields'>, language: string): AttributeDefinition[] {
  return category.fields.map((field, index) => {
    const [yes, no] = YES_NO[language] ?? YES_NO.en ?? ['Yes', 'No']
    const values =
      field.type === 'select'
        ? (field.options ?? []).map((option) => ({ key: option, name: option }))
        : field.type === 'boolean'
          ? [
              { key: 'true', name: yes },
              { key: 'false', name: no },
            ]
          : []
    return {
      code: field.key,
      datatype: DATATYPES[field.type],
      required: field.required,
      description: localize(field.label, language) ?? field.key,
      datatype_description: field.type === 'date' ? 'A date (2026-03-01) or an ISO 8601 date and time with its zone' : null,
      order: index + 1,
      values,
      stores: field.type === 'number' ? 'number' : field.type === 'boolean' ? 'boolean' : 'text',
    }
  })
}

/** One entry of GET services. The group is the department the catalogue sends the category to. */
export function serviceOf(category: Category, workOrders: Pick<WorkOrdersConfig, 'catalogue' | 'departments'>, language: string): SparkValue {
  const lead = suggestDepartment(workOrders, category.code)?.lead
  const department = workOrders.departments.find((candidate) => candidate.id === lead)
  return {
    service_code: category.code,
    service_name: localize(category.name, language),
    description: localize(category.description, language),
    metadata: category.fields.length > 0,
    type: 'realtime',
    keywords: category.keywords.length > 0 ? category.keywords.join(',') : null,
    group: department ? localize(department.name, language) : null,
  }
}

/** GET services/{code}: the attributes in order, lists with their values. */
export function serviceDefinitionOf(category: Category, language: string): SparkValue {
  return {
    service_code: category.code,
    attributes: attributeDefinitions(category, language).map((attribute) => ({
      variable: true,
      code: attribute.code,
      datatype: attribute.datatype,
      required: attribute.required,
      datatype_description: attribute.datatype_description,
      order: attribute.order,
      description: attribute.description,
      ...(attribute.values.length > 0 ? { values: attribute.values } : {}),
    })),
  }
}
