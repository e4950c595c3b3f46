import { none, type SchemaFieldDecisions } from './field-decision.js'

/**
 * Data-map decisions for every property of every schema of DCSA eBL 3.0.3 (transport document, shipping instructions, parties),
 * as vendored in @landsea/standards (`dcsa-ebl-3.0.3`). data-map.test.ts fails when the vendored text has a
 * property that is not listed here, or lists one the text no longer has.
 */
export const DCSA_EBL_FIELDS: SchemaFieldDecisions = {
  CreateShippingInstructionsResponse: { ...none('shippingInstructionsReference') },
  CancelShippingInstructionsUpdate: {
    ...none('updatedShippingInstructionsStatus shippingInstructionsStatus'),
  },
  ApproveTransportDocument: { ...none('transportDocumentStatus') },
  ShippingInstructionsNotification: {
    ...none('specversion id source type time datacontenttype subscriptionReference data'),
  },
  ShippingInstructionsData: {
    ...none(
      'shippingInstructionsStatus updatedShippingInstructionsStatus shippingInstructionsReference transportDocumentReference transportDocumentSubReference feedbacks shippingInstructions updatedShippingInstructions',
    ),
  },
  TransportDocumentNotification: {
    ...none('specversion id source type time datacontenttype subscriptionReference data'),
  },
  TransportDocumentData: {
    ...none(
      'transportDocumentStatus amendedTransportDocumentStatus shippingInstructionsReference transportDocumentReference transportDocumentSubReference feedbacks transportDocument amendedTransportDocument',
    ),
  },
  CreateShippingInstructions: {
    ...none(
      'shippingInstructionsRevisionNumber transportDocumentReference transportDocumentTypeCode isShippedOnBoardType freightPaymentTermCode originChargesPaymentTerm destinationChargesPaymentTerm isElectronic isToOrder numberOfCopiesWithCharges numberOfCopiesWithoutCharges numberOfOriginalsWithCharges numberOfOriginalsWithoutCharges displayedNameForPlaceOfReceipt displayedNameForPortOfLoad displayedNameForPortOfDischarge displayedNameForPlaceOfDelivery carrierCode carrierCodeListProvider placeOfIssue invoicePayableAt partyContactDetails isCarriersAgentAtDestinationRequired documentParties isCargoDeliveredInICS2Zone consignmentItems utilizedTransportEquipments exportLicense importLicense references customsReferences advanceManifestFilings isHouseBillOfLadingsIssued houseBillOfLadings requestedCarrierCertificates requestedCarrierClauses',
    ),
  },
  UpdateShippingInstructions: {
    ...none(
      'shippingInstructionsReference shippingInstructionsRevisionNumber transportDocumentReference transportDocumentTypeCode isShippedOnBoardType freightPaymentTermCode originChargesPaymentTerm destinationChargesPaymentTerm isElectronic isToOrder numberOfCopiesWithCharges numberOfCopiesWithoutCharges numberOfOriginalsWithCharges numberOfOriginalsWithoutCharges displayedNameForPlaceOfReceipt displayedNameForPortOfLoad displayedNameForPortOfDischarge displayedNameForPlaceOfDelivery carrierCode carrierCodeListProvider placeOfIssue invoicePayableAt partyContactDetails isCarriersAgentAtDestinationRequired documentParties isCargoDeliveredInICS2Zone consignmentItems utilizedTransportEquipments exportLicense importLicense references customsReferences advanceManifestFilings isHouseBillOfLadingsIssued houseBillOfLadings requestedCarrierCertificates requestedCarrierClauses',
    ),
  },
  ShippingInstructions: {
    ...none(
      'shippingInstructionsReference shippingInstructionsRevisionNumber transportDocumentReference shippingInstructionsStatus updatedShippingInstructionsStatus transportDocumentTypeCode isShippedOnBoardType freightPaymentTermCode originChargesPaymentTerm destinationChargesPaymentTerm isElectronic isToOrder numberOfCopiesWithCharges numberOfCopiesWithoutCharges numberOfOriginalsWithCharges numberOfOriginalsWithoutCharges displayedNameForPlaceOfReceipt displayedNameForPortOfLoad displayedNameForPortOfDischarge displayedNameForPlaceOfDelivery carrierCode carrierCodeListProvider placeOfIssue invoicePayableAt partyContactDetails isCarriersAgentAtDestinationRequired documentParties isCargoDeliveredInICS2Zone consignmentItems utilizedTransportEquipments exportLicense importLicense references customsReferences advanceManifestFilings isHouseBillOfLadingsIssued houseBillOfLadings requestedCarrierCertificates requestedCarrierClauses feedbacks',
    ),
  },
  Feedback: { ...none('severity code message jsonPath property') },
  ErrorResponse: {
    ...none(
      'httpMethod requestUri statusCode statusCodeText statusCodeMessage providerCorrelationReference errorDateTime errors',
    ),
  },
  DetailedError: { ...none('errorCode property value jsonPath errorCodeText errorCodeMessage') },
  Address: { ...none('street streetNumber floor postCode POBox city stateRegion countryCode') },
  AddressHBL: { ...none('street streetNumber floor postCode POBox city stateRegion countryCode') },
  City: { ...none('city stateRegion countryCode') },
  Facility: { ...none('facilityCode facilityCodeListProvider') },
  GeoCoordinate: { ...none('latitude longitude') },
  OtherDocumentParty: { ...none('party partyFunction') },
  OtherDocumentPartyShippingInstructions: { ...none('party partyFunction') },
  OtherDocumentPartyHBL: { ...none('party partyFunction') },
  PartyAddress: {
    ...none('street streetNumber floor postCode POBox city UNLocationCode stateRegion countryCode'),
  },
  Shipper: {
    ...none(
      'partyName eblPlatform typeOfPerson address addressLines displayedAddress identifyingCodes taxLegalReferences partyContactDetails reference purchaseOrderReferences',
    ),
  },
  ShipperShipper: {
    ...none(
      'partyName eblPlatform typeOfPerson address addressLines displayedAddress identifyingCodes taxLegalReferences partyContactDetails reference purchaseOrderReferences',
    ),
  },
  OnBehalfOfShipper: { ...none('partyName address addressLines identifyingCodes') },
  OnBehalfOfShipperShipper: { ...none('partyName address addressLines identifyingCodes') },
  ShipperHBL: {
    ...none(
      'partyName typeOfPerson address identifyingCodes taxLegalReferences partyContactDetails',
    ),
  },
  Consignee: {
    ...none(
      'partyName eblPlatform typeOfPerson address addressLines displayedAddress identifyingCodes taxLegalReferences partyContactDetails reference purchaseOrderReferences',
    ),
  },
  OnBehalfOfConsignee: { ...none('partyName address addressLines identifyingCodes') },
  OnBehalfOfConsigneeShipper: { ...none('partyName address addressLines identifyingCodes') },
  ConsigneeShipper: {
    ...none(
      'partyName eblPlatform typeOfPerson address addressLines displayedAddress identifyingCodes taxLegalReferences partyContactDetails reference purchaseOrderReferences',
    ),
  },
  ConsigneeHBL: {
    ...none(
      'partyName typeOfPerson address identifyingCodes taxLegalReferences partyContactDetails',
    ),
  },
  Endorsee: {
    ...none(
      'partyName eblPlatform address addressLines displayedAddress identifyingCodes taxLegalReferences partyContactDetails',
    ),
  },
  EndorseeShipper: {
    ...none(
      'partyName eblPlatform address addressLines displayedAddress identifyingCodes taxLegalReferences partyContactDetails',
    ),
  },
  CarriersAgentAtDestination: { ...none('partyName address addressLines partyContactDetails') },
  IssueToParty: { ...none('partyName sendToPlatform identifyingCodes taxLegalReferences') },
  NotifyParty: {
    ...none(
      'partyName typeOfPerson address addressLines displayedAddress identifyingCodes taxLegalReferences partyContactDetails reference',
    ),
  },
  NotifyPartyShipper: {
    ...none(
      'partyName typeOfPerson address addressLines displayedAddress identifyingCodes taxLegalReferences partyContactDetails reference',
    ),
  },
  NotifyPartyHBL: {
    ...none(
      'partyName typeOfPerson address identifyingCodes taxLegalReferences partyContactDetails',
    ),
  },
  Seller: {
    ...none(
      'partyName typeOfPerson address addressLines identifyingCodes taxLegalReferences partyContactDetails',
    ),
  },
  SellerHBL: {
    ...none(
      'partyName typeOfPerson address identifyingCodes taxLegalReferences partyContactDetails',
    ),
  },
  Buyer: {
    ...none(
      'partyName typeOfPerson address addressLines identifyingCodes taxLegalReferences partyContactDetails',
    ),
  },
  BuyerHBL: {
    ...none(
      'partyName typeOfPerson address identifyingCodes taxLegalReferences partyContactDetails',
    ),
  },
  Party: {
    ...none(
      'partyName address addressLines identifyingCodes taxLegalReferences partyContactDetails reference',
    ),
  },
  PartyShipper: {
    ...none(
      'partyName address addressLines identifyingCodes taxLegalReferences partyContactDetails reference',
    ),
  },
  PartyHBL: {
    ...none('partyName address identifyingCodes taxLegalReferences partyContactDetails reference'),
  },
  IssuingParty: {
    ...none(
      'partyName address addressLines identifyingCodes taxLegalReferences partyContactDetails',
    ),
  },
  ShippingInstructionsRequestor: {
    ...none('partyName address addressLines identifyingCodes partyContactDetails'),
  },
  PartyContactDetail: {
    name: { class: 'personal', category: 'contact' },
    phone: { class: 'personal', category: 'contact' },
    email: { class: 'personal', category: 'contact' },
  },
  PartyContactDetailHBL: {
    name: { class: 'personal', category: 'contact' },
    phone: { class: 'personal', category: 'contact' },
    email: { class: 'personal', category: 'contact' },
  },
  PartyContactDetailWithPattern: {
    name: { class: 'personal', category: 'contact' },
    phone: { class: 'personal', category: 'contact' },
    email: { class: 'personal', category: 'contact' },
  },
  IdentifyingCode: { ...none('codeListProvider partyCode codeListName') },
  TaxLegalReference: { ...none('type countryCode value') },
  Reference: { ...none('type value') },
  ReferenceConsignmentItem: { ...none('type values') },
  ConsignmentItem: {
    ...none(
      'carrierBookingReference descriptionOfGoods HSCodes extendedHSCodes nationalCommodityCodes extendedNationalCommodityCodes shippingMarks cargoItems exportLicense importLicense references customsReferences',
    ),
  },
  ConsignmentItemShipper: {
    ...none(
      'carrierBookingReference commoditySubReference descriptionOfGoods descriptionOfGoodsForCustoms HSCodes extendedHSCodes nationalCommodityCodes extendedNationalCommodityCodes shippingMarks shippingMarksForCustoms cargoItems exportLicense importLicense references customsReferences',
    ),
  },
  ConsignmentItemHBL: {
    ...none(
      'descriptionOfGoods nationalCommodityCode extendedNationalCommodityCodes cargoItems customsReferences',
    ),
  },
  NationalCommodityCode: { ...none('type countryCode values') },
  ExtendedNationalCommodityCode: { ...none('type countryCode values') },
  CustomsReference: { ...none('type countryCode values') },
  CargoItem: {
    ...none(
      'equipmentReference cargoGrossWeight cargoGrossVolume cargoNetWeight cargoNetVolume exportLicense importLicense outerPackaging nationalCommodityCodes extendedNationalCommodityCodes customsReferences',
    ),
  },
  CargoItemShipper: {
    ...none(
      'equipmentReference cargoGrossWeight cargoGrossVolume cargoNetWeight cargoNetVolume exportLicense importLicense outerPackaging nationalCommodityCodes extendedNationalCommodityCodes houseBillOfLadingReference customsReferences',
    ),
  },
  CargoItemHBL: { ...none('equipmentReference cargoGrossWeight outerPackaging') },
  CargoGrossWeight: { ...none('value unit') },
  CargoGrossVolume: { ...none('value unit') },
  CargoNetWeight: { ...none('value unit') },
  CargoNetVolume: { ...none('value unit') },
  OuterPackagingShipper: { ...none('packageCode numberOfPackages description woodDeclaration') },
  OuterPackaging: {
    ...none(
      'packageCode imoPackagingCode numberOfPackages description woodDeclaration dangerousGoods',
    ),
  },
  OuterPackagingHBL: { ...none('packageCode numberOfPackages shippingMarks UNNumber') },
  DangerousGoods: {
    ...none(
      'codedVariantList properShippingName technicalName imoClass subsidiaryRisk1 subsidiaryRisk2 isMarinePollutant packingGroup isLimitedQuantity isExceptedQuantity isSalvagePackings isEmptyUncleanedResidue isWaste isHot isCompetentAuthorityApprovalRequired competentAuthorityApproval segregationGroups innerPackagings emergencyContactDetails EMSNumber endOfHoldingTime fumigationDateTime isReportableQuantity inhalationZone grossWeight netWeight netExplosiveContent netVolume limits UNNumber NANumber',
    ),
  },
  GrossWeight: { ...none('value unit') },
  NetWeight: { ...none('value unit') },
  NetExplosiveContent: { ...none('value unit') },
  NetVolume: { ...none('value unit') },
  InnerPackaging: { ...none('quantity material description innerPackagings') },
  EmergencyContactDetails: {
    ...none('provider referenceNumber'),
    contact: { class: 'personal', category: 'contact' },
    phone: { class: 'personal', category: 'contact' },
  },
  Limits: {
    ...none(
      'temperatureUnit flashPoint transportControlTemperature transportEmergencyTemperature SADT SAPT',
    ),
  },
  UtilizedTransportEquipment: {
    ...none(
      'equipment isShipperOwned isNonOperatingReefer activeReeferSettings shippingMarks seals references customsReferences',
    ),
  },
  UtilizedTransportEquipmentShipper: {
    ...none('shippingMarks seals emptyIndicatorCode references customsReferences'),
  },
  UtilizedTransportEquipmentHBL: {
    ...none('seals emptyIndicatorCode isShipperOwned equipmentReference ISOEquipmentCode'),
  },
  UTEquipment: { ...none('isShipperOwned equipment') },
  UTEquipmentReference: { ...none('isShipperOwned equipmentReference') },
  Equipment: { ...none('equipmentReference ISOEquipmentCode tareWeight') },
  TareWeight: { ...none('value unit') },
  RequiredEquipment: { ...none('equipmentReference ISOEquipmentCode tareWeight') },
  Seal: { ...none('number source') },
  ActiveReeferSettings: {
    ...none(
      'temperatureSetpoint temperatureUnit o2Setpoint co2Setpoint humiditySetpoint airExchangeSetpoint airExchangeUnit isVentilationOpen isDrainholesOpen isBulbMode isColdTreatmentRequired isControlledAtmosphereRequired',
    ),
  },
  AdvanceManifestFiling: {
    ...none(
      'manifestTypeCode countryCode advanceManifestFilingsHouseBLPerformedBy selfFilerCode identificationNumber',
    ),
  },
  HouseBillOfLading: {
    ...none(
      'houseBillOfLadingReference isToOrder placeOfAcceptance placeOfFinalDelivery methodOfPayment documentParties isCargoDeliveredInICS2Zone routingOfConsignmentCountries consignmentItems utilizedTransportEquipments',
    ),
  },
  PlaceOfAcceptance: { ...none('locationName countryCode UNLocationCode') },
  PlaceOfFinalDelivery: { ...none('locationName countryCode UNLocationCode') },
  TransportDocument: {
    ...none(
      'transportDocumentReference transportDocumentSubReference shippingInstructionsReference transportDocumentStatus transportDocumentTypeCode isShippedOnBoardType freightPaymentTermCode isElectronic isToOrder numberOfCopiesWithCharges numberOfCopiesWithoutCharges numberOfOriginalsWithCharges numberOfOriginalsWithoutCharges displayedNameForPlaceOfReceipt displayedNameForPortOfLoad displayedNameForPortOfDischarge displayedNameForPlaceOfDelivery shippedOnBoardDate displayedShippedOnBoardReceivedForShipment termsAndConditions receiptTypeAtOrigin deliveryTypeAtDestination cargoMovementTypeAtOrigin cargoMovementTypeAtDestination issueDate receivedForShipmentDate serviceContractReference contractQuotationReference declaredValue declaredValueCurrency carrierCode carrierCodeListProvider carrierClauses numberOfRiderPages transports charges placeOfIssue invoicePayableAt partyContactDetails documentParties consignmentItems utilizedTransportEquipments exportLicense importLicense references customsReferences feedbacks',
    ),
  },
  TransportDocumentAmend: { ...none('amendedTransportDocumentStatus amendedTransportDocument') },
  Transports: {
    ...none(
      'plannedArrivalDate plannedDepartureDate preCarriageBy onCarriageBy placeOfReceipt portOfLoading portOfDischarge placeOfDelivery onwardInlandRouting vesselVoyages',
    ),
  },
  VesselVoyage: {
    ...none('vesselName carrierExportVoyageNumber universalExportVoyageReference role'),
  },
  PlaceOfReceipt: {
    ...none('locationName facilityName address addressLines facility UNLocationCode geoCoordinate'),
  },
  PortOfLoading: { ...none('locationName city UNLocationCode') },
  PortOfDischarge: { ...none('locationName city UNLocationCode') },
  PlaceOfDelivery: {
    ...none('locationName facilityName address addressLines facility UNLocationCode geoCoordinate'),
  },
  OnwardInlandRouting: {
    ...none('locationName facilityName address addressLines facility UNLocationCode'),
  },
  Charge: {
    ...none(
      'chargeName extendedChargeName currencyAmount currencyCode paymentTermCode calculationBasis unitPrice quantity',
    ),
  },
  OriginChargesPaymentTerm: {
    ...none('haulageChargesPaymentTermCode portChargesPaymentTermCode otherChargesPaymentTermCode'),
  },
  DestinationChargesPaymentTerm: {
    ...none('haulageChargesPaymentTermCode portChargesPaymentTermCode otherChargesPaymentTermCode'),
  },
  PlaceOfIssue: { ...none('locationName UNLocationCode countryCode') },
  InvoicePayableAtShippingInstructions: { ...none('UNLocationCode') },
  InvoicePayableAt: { ...none('UNLocationCode freeText') },
  DocumentPartiesShippingInstructions: {
    ...none(
      'shipper onBehalfOfShipper consignee onBehalfOfConsignee endorsee issueTo seller buyer notifyParties shippingInstructionsRequestor other',
    ),
  },
  DocumentPartiesHouseBL: { ...none('shipper consignee notifyParty seller buyer other') },
  DocumentParties: {
    ...none(
      'shipper onBehalfOfShipper consignee onBehalfOfConsignee endorsee issuingParty carriersAgentAtDestination notifyParties other',
    ),
  },
  ExportLicenseShipper: { ...none('isRequired reference issueDate expiryDate') },
  ExportLicense: { ...none('isRequired reference issueDate expiryDate') },
  ImportLicenseShipper: { ...none('isRequired reference issueDate expiryDate') },
  ImportLicense: { ...none('isRequired reference issueDate expiryDate') },
}
