"""Where each business group (BG) and business term (BT) sits in UBL and in CII: data, one table per syntax.

A group entry is ``group: (parent group, path from the parent element, {term: path from the group element})``.
Paths use the mini language of ``paths``. Extra, non-EN terms (prefixed ``X-``) name syntax details some rules
need (e.g. the raw ChargeIndicator).
"""

from __future__ import annotations

from typing import Mapping

NS_UBL: Mapping[str, str] = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
}
NS_CII: Mapping[str, str] = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}

Group = tuple[str | None, str, Mapping[str, str]]

_UBL_ADDRESS = {
    "BT-35": "cbc:StreetName",
    "BT-36": "cbc:AdditionalStreetName",
    "BT-162": "cac:AddressLine/cbc:Line",
    "BT-37": "cbc:CityName",
    "BT-38": "cbc:PostalZone",
    "BT-39": "cbc:CountrySubentity",
    "BT-40": "cac:Country/cbc:IdentificationCode",
}
_UBL_CONTACT = {"BT-41": "cbc:Name", "BT-42": "cbc:Telephone", "BT-43": "cbc:ElectronicMail"}
_UBL_PARTY = {
    "name": "cac:PartyLegalEntity/cbc:RegistrationName",
    "trading_name": "cac:PartyName/cbc:Name",
    "ids": "cac:PartyIdentification/cbc:ID",
    "legal_id": "cac:PartyLegalEntity/cbc:CompanyID",
    "vat_id": "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID",
    "tax_no": "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID!='VAT']/cbc:CompanyID",
    "legal_info": "cac:PartyLegalEntity/cbc:CompanyLegalForm",
    "endpoint": "cbc:EndpointID",
    "address": "cac:PostalAddress",
    "contact": "cac:Contact",
}
_UBL_AC = {
    "amount": "cbc:Amount",
    "base": "cbc:BaseAmount",
    "percent": "cbc:MultiplierFactorNumeric",
    "category": "cac:TaxCategory/cbc:ID",
    "rate": "cac:TaxCategory/cbc:Percent",
    "reason": "cbc:AllowanceChargeReason",
    "reason_code": "cbc:AllowanceChargeReasonCode",
    "X-indicator": "cbc:ChargeIndicator",
}

UBL: Mapping[str, Group] = {
    "doc": (
        None,
        ".",
        {
            "BT-1": "cbc:ID",
            "BT-2": "cbc:IssueDate",
            "BT-3": "cbc:InvoiceTypeCode|cbc:CreditNoteTypeCode",
            "BT-5": "cbc:DocumentCurrencyCode",
            "BT-6": "cbc:TaxCurrencyCode",
            "BT-7": "cbc:TaxPointDate",
            "BT-8": "cac:InvoicePeriod/cbc:DescriptionCode",
            "BT-9": "cbc:DueDate|cac:PaymentMeans/cbc:PaymentDueDate",
            "BT-10": "cbc:BuyerReference",
            "BT-11": "cac:ProjectReference/cbc:ID|cac:AdditionalDocumentReference[cbc:DocumentTypeCode='50']/cbc:ID",
            "BT-12": "cac:ContractDocumentReference/cbc:ID",
            "BT-13": "cac:OrderReference/cbc:ID",
            "BT-14": "cac:OrderReference/cbc:SalesOrderID",
            "BT-15": "cac:ReceiptDocumentReference/cbc:ID",
            "BT-16": "cac:DespatchDocumentReference/cbc:ID",
            "BT-17": "cac:OriginatorDocumentReference/cbc:ID",
            "BT-18": "cac:AdditionalDocumentReference[cbc:DocumentTypeCode='130']/cbc:ID",
            "BT-18-1": "cac:AdditionalDocumentReference[cbc:DocumentTypeCode='130']/cbc:ID/@schemeID",
            "BT-19": "cbc:AccountingCost",
            "BT-20": "cac:PaymentTerms/cbc:Note",
            "BT-22": "cbc:Note",
            "BT-23": "cbc:ProfileID",
            "BT-24": "cbc:CustomizationID",
            "BT-90": "cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID[@schemeID='SEPA']"
            "|cac:PayeeParty/cac:PartyIdentification/cbc:ID[@schemeID='SEPA']",
            "X-taxtotal": "cac:TaxTotal",
            "X-taxtotal-amount": "cac:TaxTotal/cbc:TaxAmount",
            "X-embedded": "cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject",
            "X-debtor": "cac:PaymentMeans/cac:PaymentMandate",
            "X-debtor-iban": "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID",
            "BT-89": "cac:PaymentMeans/cac:PaymentMandate/cbc:ID",
        },
    ),
    "seller": ("doc", "cac:AccountingSupplierParty/cac:Party", _UBL_PARTY),
    "seller_address": ("seller", "cac:PostalAddress", _UBL_ADDRESS),
    "seller_contact": ("seller", "cac:Contact", _UBL_CONTACT),
    "buyer": ("doc", "cac:AccountingCustomerParty/cac:Party", _UBL_PARTY),
    "buyer_address": ("buyer", "cac:PostalAddress", _UBL_ADDRESS),
    "buyer_contact": ("buyer", "cac:Contact", _UBL_CONTACT),
    "payee": (
        "doc",
        "cac:PayeeParty",
        {
            "name": "cac:PartyName/cbc:Name",
            "ids": "cac:PartyIdentification/cbc:ID",
            "legal_id": "cac:PartyLegalEntity/cbc:CompanyID",
        },
    ),
    "taxrep": (
        "doc",
        "cac:TaxRepresentativeParty",
        {
            "name": "cac:PartyName/cbc:Name",
            "vat_id": "cac:PartyTaxScheme/cbc:CompanyID",
            "address": "cac:PostalAddress",
        },
    ),
    "taxrep_address": ("taxrep", "cac:PostalAddress", _UBL_ADDRESS),
    "delivery": (
        "doc",
        "cac:Delivery",
        {
            "BT-70": "cac:DeliveryParty/cac:PartyName/cbc:Name",
            "BT-71": "cac:DeliveryLocation/cbc:ID",
            "BT-72": "cbc:ActualDeliveryDate",
            "address": "cac:DeliveryLocation/cac:Address",
        },
    ),
    "deliver_address": ("delivery", "cac:DeliveryLocation/cac:Address", _UBL_ADDRESS),
    "period": (
        "doc",
        "cac:InvoicePeriod",
        {"start": "cbc:StartDate", "end": "cbc:EndDate", "BT-8": "cbc:DescriptionCode"},
    ),
    "payment": (
        "doc",
        "cac:PaymentMeans",
        {
            "BT-81": "cbc:PaymentMeansCode",
            "BT-82": "cbc:PaymentMeansCode/@name",
            "BT-83": "cbc:PaymentID",
            "BG-17": "cac:PayeeFinancialAccount",
            "BT-84": "cac:PayeeFinancialAccount/cbc:ID",
            "BT-86": "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID",
            "BG-18": "cac:CardAccount",
            "BT-87": "cac:CardAccount/cbc:PrimaryAccountNumberID",
            "BG-19": "cac:PaymentMandate",
            "BT-89": "cac:PaymentMandate/cbc:ID",
            "BT-91": "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID",
        },
    ),
    "preceding": (
        "doc",
        "cac:BillingReference/cac:InvoiceDocumentReference",
        {"BT-25": "cbc:ID", "BT-26": "cbc:IssueDate"},
    ),
    "allowance": ("doc", "cac:AllowanceCharge[bool(cbc:ChargeIndicator)=false]", _UBL_AC),
    "charge": ("doc", "cac:AllowanceCharge[bool(cbc:ChargeIndicator)=true]", _UBL_AC),
    "any_ac": ("doc", "cac:AllowanceCharge", _UBL_AC),
    "totals": (
        "doc",
        "cac:LegalMonetaryTotal",
        {
            "BT-106": "cbc:LineExtensionAmount",
            "BT-107": "cbc:AllowanceTotalAmount",
            "BT-108": "cbc:ChargeTotalAmount",
            "BT-109": "cbc:TaxExclusiveAmount",
            "BT-112": "cbc:TaxInclusiveAmount",
            "BT-113": "cbc:PrepaidAmount",
            "BT-114": "cbc:PayableRoundingAmount",
            "BT-115": "cbc:PayableAmount",
        },
    ),
    "vat": (
        "doc",
        "cac:TaxTotal/cac:TaxSubtotal",
        {
            "BT-116": "cbc:TaxableAmount",
            "BT-117": "cbc:TaxAmount",
            "BT-118": "cac:TaxCategory/cbc:ID",
            "BT-119": "cac:TaxCategory/cbc:Percent",
            "BT-120": "cac:TaxCategory/cbc:TaxExemptionReason",
            "BT-121": "cac:TaxCategory/cbc:TaxExemptionReasonCode",
        },
    ),
    "attachment": (
        "doc",
        "cac:AdditionalDocumentReference",
        {
            "BT-122": "cbc:ID",
            "BT-123": "cbc:DocumentDescription",
            "BT-124": "cac:Attachment/cac:ExternalReference/cbc:URI",
            "BT-125": "cac:Attachment/cbc:EmbeddedDocumentBinaryObject",
            "X-typecode": "cbc:DocumentTypeCode",
        },
    ),
    "line": (
        "doc",
        "cac:InvoiceLine|cac:CreditNoteLine",
        {
            "BT-126": "cbc:ID",
            "BT-127": "cbc:Note",
            "BT-128": "cac:DocumentReference/cbc:ID",
            "X-docref-type": "cac:DocumentReference/cbc:DocumentTypeCode",
            "BT-129": "cbc:InvoicedQuantity|cbc:CreditedQuantity",
            "BT-130": "cbc:InvoicedQuantity/@unitCode|cbc:CreditedQuantity/@unitCode",
            "BT-131": "cbc:LineExtensionAmount",
            "BT-132": "cac:OrderLineReference/cbc:LineID",
            "BT-133": "cbc:AccountingCost",
            "BT-146": "cac:Price/cbc:PriceAmount",
            "BT-147": "cac:Price/cac:AllowanceCharge/cbc:Amount",
            "BT-148": "cac:Price/cac:AllowanceCharge/cbc:BaseAmount",
            "BT-149": "cac:Price/cbc:BaseQuantity",
            "BT-150": "cac:Price/cbc:BaseQuantity/@unitCode",
            "BT-151": "cac:Item/cac:ClassifiedTaxCategory/cbc:ID",
            "BT-152": "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent",
            "BT-153": "cac:Item/cbc:Name",
            "BT-154": "cac:Item/cbc:Description",
            "BT-157": "cac:Item/cac:StandardItemIdentification/cbc:ID",
            "BT-155": "cac:Item/cac:SellersItemIdentification/cbc:ID",
            "BT-156": "cac:Item/cac:BuyersItemIdentification/cbc:ID",
            "BT-159": "cac:Item/cac:OriginCountry/cbc:IdentificationCode",
            "BT-158": "cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode",
            "BT-158-1": "cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode/@listID",
            "BT-160": "cac:Item/cac:AdditionalItemProperty/cbc:Name",
            "X-price-ac": "cac:Price/cac:AllowanceCharge",
            "X-price-ac-indicator": "cac:Price/cac:AllowanceCharge/cbc:ChargeIndicator",
            "X-item": "cac:Item",
        },
    ),
    "line_period": ("line", "cac:InvoicePeriod", {"start": "cbc:StartDate", "end": "cbc:EndDate"}),
    "line_allowance": ("line", "cac:AllowanceCharge[bool(cbc:ChargeIndicator)=false]", _UBL_AC),
    "line_charge": ("line", "cac:AllowanceCharge[bool(cbc:ChargeIndicator)=true]", _UBL_AC),
    "line_any_ac": ("line", "cac:AllowanceCharge", _UBL_AC),
    "item_attr": (
        "line",
        "cac:Item/cac:AdditionalItemProperty",
        {"BT-160": "cbc:Name", "BT-161": "cbc:Value"},
    ),
    "taxtotal": (
        "doc",
        "cac:TaxTotal",
        {"amount": "cbc:TaxAmount", "subtotal": "cac:TaxSubtotal", "BT-117": "cac:TaxSubtotal/cbc:TaxAmount"},
    ),
    "billing_ref": ("doc", "cac:BillingReference", {"BT-25": "cac:InvoiceDocumentReference/cbc:ID"}),
    "card": (
        "payment",
        "cac:CardAccount",
        {"BT-87": "cbc:PrimaryAccountNumberID", "BT-88": "cbc:HolderName"},
    ),
    "credit_transfer": (
        "payment",
        "cac:PayeeFinancialAccount",
        {"BT-84": "cbc:ID", "BT-85": "cbc:Name", "BT-86": "cac:FinancialInstitutionBranch/cbc:ID"},
    ),
    "note": ("doc", "cbc:Note", {"text": "."}),
    "price_ac": (
        "line",
        "cac:Price/cac:AllowanceCharge",
        {"X-indicator": "cbc:ChargeIndicator", "amount": "cbc:Amount", "base": "cbc:BaseAmount"},
    ),
    "prepaid": (
        "doc",
        "cac:PrepaidPayment",
        {"type": "cbc:ID", "amount": "cbc:PaidAmount", "description": "cbc:InstructionID"},
    ),
}

_CII_ADDRESS = {
    "BT-35": "ram:LineOne",
    "BT-36": "ram:LineTwo",
    "BT-162": "ram:LineThree",
    "BT-37": "ram:CityName",
    "BT-38": "ram:PostcodeCode",
    "BT-39": "ram:CountrySubDivisionName",
    "BT-40": "ram:CountryID",
}
_CII_CONTACT = {
    "BT-41": "ram:PersonName|ram:DepartmentName",
    "BT-42": "ram:TelephoneUniversalCommunication/ram:CompleteNumber",
    "BT-43": "ram:EmailURIUniversalCommunication/ram:URIID",
}
_CII_PARTY = {
    "name": "ram:Name",
    "trading_name": "ram:SpecifiedLegalOrganization/ram:TradingBusinessName",
    "ids": "ram:ID|ram:GlobalID",
    "legal_id": "ram:SpecifiedLegalOrganization/ram:ID",
    "vat_id": "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']",
    "tax_no": "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']",
    "legal_info": "ram:Description",
    "endpoint": "ram:URIUniversalCommunication/ram:URIID",
    "X-uri": "ram:URIUniversalCommunication",
    "X-uri-scheme": "ram:URIUniversalCommunication/ram:URIID/@schemeID",
    "address": "ram:PostalTradeAddress",
    "contact": "ram:DefinedTradeContact",
}
_CII_AC = {
    "amount": "ram:ActualAmount",
    "base": "ram:BasisAmount",
    "percent": "ram:CalculationPercent",
    "category": "ram:CategoryTradeTax/ram:CategoryCode",
    "rate": "ram:CategoryTradeTax/ram:RateApplicablePercent",
    "reason": "ram:Reason",
    "reason_code": "ram:ReasonCode",
    "X-indicator": "ram:ChargeIndicator/udt:Indicator",
}
_TX = "rsm:SupplyChainTradeTransaction"
_AGR = f"{_TX}/ram:ApplicableHeaderTradeAgreement"
_DLV = f"{_TX}/ram:ApplicableHeaderTradeDelivery"
_STL = f"{_TX}/ram:ApplicableHeaderTradeSettlement"
_LAGR = "ram:SpecifiedLineTradeAgreement"
_LSTL = "ram:SpecifiedLineTradeSettlement"

CII: Mapping[str, Group] = {
    "doc": (
        None,
        ".",
        {
            "BT-1": "rsm:ExchangedDocument/ram:ID",
            "BT-2": "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString",
            "BT-2-102": "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString[@format='102']",
            "BT-3": "rsm:ExchangedDocument/ram:TypeCode",
            "BT-5": f"{_STL}/ram:InvoiceCurrencyCode",
            "BT-6": f"{_STL}/ram:TaxCurrencyCode",
            "BT-7": f"{_STL}/ram:ApplicableTradeTax/ram:TaxPointDate/udt:DateString",
            "BT-8": f"{_STL}/ram:ApplicableTradeTax/ram:DueDateTypeCode",
            "BT-9": f"{_STL}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString",
            "BT-10": f"{_AGR}/ram:BuyerReference",
            "BT-11": f"{_AGR}/ram:SpecifiedProcuringProject/ram:ID",
            "BT-12": f"{_AGR}/ram:ContractReferencedDocument/ram:IssuerAssignedID",
            "BT-13": f"{_AGR}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID",
            "BT-14": f"{_AGR}/ram:SellerOrderReferencedDocument/ram:IssuerAssignedID",
            "BT-15": f"{_DLV}/ram:ReceivingAdviceReferencedDocument/ram:IssuerAssignedID",
            "BT-16": f"{_DLV}/ram:DespatchAdviceReferencedDocument/ram:IssuerAssignedID",
            "BT-17": f"{_AGR}/ram:AdditionalReferencedDocument[ram:TypeCode='50']/ram:IssuerAssignedID",
            "BT-18": f"{_AGR}/ram:AdditionalReferencedDocument[ram:TypeCode='130']/ram:IssuerAssignedID",
            "BT-18-1": f"{_AGR}/ram:AdditionalReferencedDocument[ram:TypeCode='130']/ram:ReferenceTypeCode",
            "BT-19": f"{_STL}/ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID",
            "BT-20": f"{_STL}/ram:SpecifiedTradePaymentTerms/ram:Description",
            "BT-22": "rsm:ExchangedDocument/ram:IncludedNote/ram:Content",
            "BT-23": "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID",
            "BT-24": "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
            "BT-89": f"{_STL}/ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID",
            "BT-90": f"{_STL}/ram:CreditorReferenceID",
            "BT-83": f"{_STL}/ram:PaymentReference",
            "X-taxtotal-amount": f"{_STL}/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxTotalAmount",
            "X-embedded": f"{_AGR}/ram:AdditionalReferencedDocument/ram:AttachmentBinaryObject",
            "X-payment-terms": f"{_STL}/ram:SpecifiedTradePaymentTerms",
            "X-debtor": f"{_STL}/ram:SpecifiedTradeSettlementPaymentMeans/ram:PayerPartyDebtorFinancialAccount",
            "X-debtor-iban": f"{_STL}/ram:SpecifiedTradeSettlementPaymentMeans/ram:PayerPartyDebtorFinancialAccount"
            "/ram:IBANID",
        },
    ),
    "seller": ("doc", f"{_AGR}/ram:SellerTradeParty", _CII_PARTY),
    "seller_address": ("seller", "ram:PostalTradeAddress", _CII_ADDRESS),
    "seller_contact": ("seller", "ram:DefinedTradeContact", _CII_CONTACT),
    "buyer": ("doc", f"{_AGR}/ram:BuyerTradeParty", _CII_PARTY),
    "buyer_address": ("buyer", "ram:PostalTradeAddress", _CII_ADDRESS),
    "buyer_contact": ("buyer", "ram:DefinedTradeContact", _CII_CONTACT),
    "payee": (
        "doc",
        f"{_STL}/ram:PayeeTradeParty",
        {
            "name": "ram:Name",
            "ids": "ram:ID|ram:GlobalID",
            "legal_id": "ram:SpecifiedLegalOrganization/ram:ID",
        },
    ),
    "taxrep": (
        "doc",
        f"{_AGR}/ram:SellerTaxRepresentativeTradeParty",
        {
            "name": "ram:Name",
            "vat_id": "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']",
            "address": "ram:PostalTradeAddress",
        },
    ),
    "taxrep_address": ("taxrep", "ram:PostalTradeAddress", _CII_ADDRESS),
    "delivery": (
        "doc",
        _DLV,
        {
            "BT-70": "ram:ShipToTradeParty/ram:Name",
            "BT-71": "ram:ShipToTradeParty/ram:ID|ram:ShipToTradeParty/ram:GlobalID",
            "BT-72": "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString",
            "address": "ram:ShipToTradeParty/ram:PostalTradeAddress",
        },
    ),
    "deliver_address": ("delivery", "ram:ShipToTradeParty/ram:PostalTradeAddress", _CII_ADDRESS),
    "period": (
        "doc",
        f"{_STL}/ram:BillingSpecifiedPeriod",
        {"start": "ram:StartDateTime/udt:DateTimeString", "end": "ram:EndDateTime/udt:DateTimeString"},
    ),
    "payment": (
        "doc",
        f"{_STL}/ram:SpecifiedTradeSettlementPaymentMeans",
        {
            "BT-81": "ram:TypeCode",
            "BT-82": "ram:Information",
            "BG-17": "ram:PayeePartyCreditorFinancialAccount",
            "BT-84": "ram:PayeePartyCreditorFinancialAccount/ram:IBANID"
            "|ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID",
            "X-iban": "ram:PayeePartyCreditorFinancialAccount/ram:IBANID",
            "BT-86": "ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID",
            "BG-18": "ram:ApplicableTradeSettlementFinancialCard",
            "BT-87": "ram:ApplicableTradeSettlementFinancialCard/ram:ID",
            "BG-19": "ram:PayerPartyDebtorFinancialAccount",
            "BT-91": "ram:PayerPartyDebtorFinancialAccount/ram:IBANID",
        },
    ),
    "preceding": (
        "doc",
        f"{_STL}/ram:InvoiceReferencedDocument",
        {"BT-25": "ram:IssuerAssignedID", "BT-26": "ram:FormattedIssueDateTime/qdt:DateTimeString"},
    ),
    "allowance": (
        "doc",
        f"{_STL}/ram:SpecifiedTradeAllowanceCharge[bool(ram:ChargeIndicator/udt:Indicator)=false]",
        _CII_AC,
    ),
    "charge": (
        "doc",
        f"{_STL}/ram:SpecifiedTradeAllowanceCharge[bool(ram:ChargeIndicator/udt:Indicator)=true]",
        _CII_AC,
    ),
    "any_ac": ("doc", f"{_STL}/ram:SpecifiedTradeAllowanceCharge", _CII_AC),
    "totals": (
        "doc",
        f"{_STL}/ram:SpecifiedTradeSettlementHeaderMonetarySummation",
        {
            "BT-106": "ram:LineTotalAmount",
            "BT-107": "ram:AllowanceTotalAmount",
            "BT-108": "ram:ChargeTotalAmount",
            "BT-109": "ram:TaxBasisTotalAmount",
            "BT-112": "ram:GrandTotalAmount",
            "BT-113": "ram:TotalPrepaidAmount",
            "BT-114": "ram:RoundingAmount",
            "BT-115": "ram:DuePayableAmount",
            "X-taxtotal-amount": "ram:TaxTotalAmount",
        },
    ),
    "vat": (
        "doc",
        f"{_STL}/ram:ApplicableTradeTax",
        {
            "BT-116": "ram:BasisAmount",
            "BT-117": "ram:CalculatedAmount",
            "BT-118": "ram:CategoryCode",
            "BT-119": "ram:RateApplicablePercent",
            "BT-120": "ram:ExemptionReason",
            "BT-121": "ram:ExemptionReasonCode",
            "X-type": "ram:TypeCode",
        },
    ),
    "attachment": (
        "doc",
        f"{_AGR}/ram:AdditionalReferencedDocument[ram:TypeCode='916']",
        {
            "BT-122": "ram:IssuerAssignedID",
            "BT-123": "ram:Name",
            "BT-124": "ram:URIID",
            "BT-125": "ram:AttachmentBinaryObject",
            "X-typecode": "ram:TypeCode",
        },
    ),
    "line": (
        "doc",
        f"{_TX}/ram:IncludedSupplyChainTradeLineItem",
        {
            "BT-126": "ram:AssociatedDocumentLineDocument/ram:LineID",
            "X-parent-line": "ram:AssociatedDocumentLineDocument/ram:ParentLineID",
            "BT-127": "ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content",
            "BT-128": f"{_LSTL}/ram:AdditionalReferencedDocument/ram:IssuerAssignedID",
            "X-docref-type": f"{_LSTL}/ram:AdditionalReferencedDocument/ram:TypeCode",
            "BT-129": "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity",
            "BT-130": "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode",
            "BT-131": f"{_LSTL}/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
            "BT-132": f"{_LAGR}/ram:BuyerOrderReferencedDocument/ram:LineID",
            "BT-133": f"{_LSTL}/ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID",
            "BT-146": f"{_LAGR}/ram:NetPriceProductTradePrice/ram:ChargeAmount",
            "BT-147": f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge/ram:ActualAmount",
            "BT-148": f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:ChargeAmount",
            "BT-149": f"{_LAGR}/ram:NetPriceProductTradePrice/ram:BasisQuantity",
            "BT-150": f"{_LAGR}/ram:NetPriceProductTradePrice/ram:BasisQuantity/@unitCode",
            "X-gross-basis": f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:BasisQuantity",
            "BT-151": f"{_LSTL}/ram:ApplicableTradeTax/ram:CategoryCode",
            "BT-152": f"{_LSTL}/ram:ApplicableTradeTax/ram:RateApplicablePercent",
            "BT-153": "ram:SpecifiedTradeProduct/ram:Name",
            "BT-154": "ram:SpecifiedTradeProduct/ram:Description",
            "BT-157": "ram:SpecifiedTradeProduct/ram:GlobalID",
            "BT-155": "ram:SpecifiedTradeProduct/ram:SellerAssignedID",
            "BT-156": "ram:SpecifiedTradeProduct/ram:BuyerAssignedID",
            "BT-159": "ram:SpecifiedTradeProduct/ram:OriginTradeCountry/ram:ID",
            "BT-158": "ram:SpecifiedTradeProduct/ram:DesignatedProductClassification/ram:ClassCode",
            "BT-158-1": "ram:SpecifiedTradeProduct/ram:DesignatedProductClassification/ram:ClassCode/@listID",
            "BT-160": "ram:SpecifiedTradeProduct/ram:ApplicableProductCharacteristic/ram:Description",
            "X-price-ac": f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge",
            "X-price-ac-indicator": f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge"
            "/ram:ChargeIndicator/udt:Indicator",
            "X-item": "ram:SpecifiedTradeProduct",
        },
    ),
    "line_period": (
        "line",
        f"{_LSTL}/ram:BillingSpecifiedPeriod",
        {"start": "ram:StartDateTime/udt:DateTimeString", "end": "ram:EndDateTime/udt:DateTimeString"},
    ),
    "line_allowance": (
        "line",
        f"{_LSTL}/ram:SpecifiedTradeAllowanceCharge[bool(ram:ChargeIndicator/udt:Indicator)=false]",
        _CII_AC,
    ),
    "line_charge": (
        "line",
        f"{_LSTL}/ram:SpecifiedTradeAllowanceCharge[bool(ram:ChargeIndicator/udt:Indicator)=true]",
        _CII_AC,
    ),
    "line_any_ac": ("line", f"{_LSTL}/ram:SpecifiedTradeAllowanceCharge", _CII_AC),
    "gross_price": (
        "line",
        f"{_LAGR}/ram:GrossPriceProductTradePrice",
        {
            "amount": "ram:ChargeAmount",
            "basis": "ram:BasisQuantity",
            "X-indicator": "ram:AppliedTradeAllowanceCharge/ram:ChargeIndicator/udt:Indicator",
            "discount": "ram:AppliedTradeAllowanceCharge/ram:ActualAmount",
        },
    ),
    "net_price": (
        "line",
        f"{_LAGR}/ram:NetPriceProductTradePrice",
        {"amount": "ram:ChargeAmount", "basis": "ram:BasisQuantity"},
    ),
    "price_ac": (
        "line",
        f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge",
        {"X-indicator": "ram:ChargeIndicator/udt:Indicator", "amount": "ram:ActualAmount"},
    ),
    "billing_ref": ("doc", f"{_STL}/ram:InvoiceReferencedDocument", {"BT-25": "ram:IssuerAssignedID"}),
    "card": (
        "payment",
        "ram:ApplicableTradeSettlementFinancialCard",
        {"BT-87": "ram:ID", "BT-88": "ram:CardholderName"},
    ),
    "credit_transfer": (
        "payment",
        "ram:PayeePartyCreditorFinancialAccount",
        {"BT-84": "ram:IBANID|ram:ProprietaryID", "BT-85": "ram:AccountName"},
    ),
    "note": (
        "doc",
        "rsm:ExchangedDocument/ram:IncludedNote",
        {"text": "ram:Content", "code": "ram:SubjectCode"},
    ),
    "item_attr": (
        "line",
        "ram:SpecifiedTradeProduct/ram:ApplicableProductCharacteristic",
        {"BT-160": "ram:Description", "BT-161": "ram:Value"},
    ),
}


def bindings(syntax: str) -> tuple[Mapping[str, Group], Mapping[str, str]]:
    """(group table, namespace prefixes) for ``ubl`` or ``cii``."""
    if syntax == "ubl":
        return UBL, NS_UBL
    if syntax == "cii":
        return CII, NS_CII
    raise ValueError(f"unbekannte Syntax {syntax!r}: 'ubl' oder 'cii' erwartet")
